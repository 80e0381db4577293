package dev.switchboard.engine;

/** Engine.IO v4 packet types, with the digit that stands for each on the wire. */
public enum PacketType {
    OPEN('0'),
    CLOSE('1'),
    PING('2'),
    PONG('3'),
    MESSAGE('4'),
    UPGRADE('5'),
    NOOP('6');

    private static final PacketType[] BY_CODE = values();

    private final char code;

    PacketType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** @return the type for a wire digit, or null when the character is not one */
    static PacketType fromCode(char code) {
        int index = code - '0';
        return index >= 0 && index < BY_CODE.length ? BY_CODE[index] : null;
    }
}
