package dev.switchboard.socketio;

/** The client sent something that is not a valid Socket.IO packet; the connection is closed. */
public class MalformedSioPacketException extends Exception {
    public MalformedSioPacketException(String message) {
        super(message, null, false, false);
    }
}
