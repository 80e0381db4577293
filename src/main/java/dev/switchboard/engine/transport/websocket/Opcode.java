package dev.switchboard.engine.transport.websocket;

/** RFC 6455 section 5.2 frame opcodes, with their wire values. */
public enum Opcode {
    CONTINUATION(0x0),
    TEXT(0x1),
    BINARY(0x2),
    CLOSE(0x8),
    PING(0x9),
    PONG(0xA);

    private static final Opcode[] BY_WIRE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_WIRE[opcode.wire] = opcode;
        }
    }

    private final int wire;

    Opcode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Close, ping and pong: at most 125 bytes, never fragmented, allowed between a message's fragments. */
    public boolean isControl() {
        return (wire & 0x8) != 0;
    }

    /** The opcode for the low four bits of a frame's first byte, or null for a reserved one. */
    static Opcode fromWire(int bits) {
        return BY_WIRE[bits & 0x0F];
    }
}
