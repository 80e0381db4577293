package dev.switchboard.engine;

/** The peer sent bytes that are not an Engine.IO packet or payload. A client's mistake, not ours. */
public class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
