package dev.switchboard.socketio;

/** Socket.IO v5 packet types, with their wire digit. */
public enum SioPacketType {
    CONNECT,
    DISCONNECT,
    EVENT,
    ACK,
    CONNECT_ERROR,
    BINARY_EVENT,
    BINARY_ACK;

    private static final SioPacketType[] BY_CODE = values();

    public char code() {
        return (char) ('0' + ordinal());
    }

    static SioPacketType fromCode(char code) {
        int index = code - '0';
        return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
    }

    boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
