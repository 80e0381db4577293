package dev.switchboard.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet. A text packet keeps its wire form ({@code frame}: type digit + data), so a packet
 * decoded from the wire is not copied and a packet sent to many sessions is encoded once. A binary packet is
 * always a MESSAGE and carries its bytes; they are never modified after construction.
 *
 * @param frame the text frame, or null for a binary packet
 * @param binary the payload of a binary message, or null for a text packet
 */
public record Packet(PacketType type, String frame, byte[] binary) {

    public static final Packet PING = of(PacketType.PING);
    public static final Packet PONG_PROBE = text(PacketType.PONG, "probe");
    public static final Packet CLOSE = of(PacketType.CLOSE);
    public static final Packet NOOP = of(PacketType.NOOP);

    public Packet {
        Objects.requireNonNull(type, "type");
        if ((frame == null) == (binary == null)) {
            throw new IllegalArgumentException("a packet is either text or binary");
        }
        if (binary != null && type != PacketType.MESSAGE) {
            throw new IllegalArgumentException("only MESSAGE packets carry binary data");
        }
    }

    public static Packet of(PacketType type) {
        return new Packet(type, String.valueOf(type.code()), null);
    }

    public static Packet text(PacketType type, String data) {
        return new Packet(type, type.code() + data, null);
    }

    public static Packet message(String data) {
        return text(PacketType.MESSAGE, data);
    }

    public static Packet message(byte[] data) {
        return new Packet(PacketType.MESSAGE, null, data);
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** Its size on the wire, for the per-connection byte limit: the text frame's length, or the binary's. */
    public int length() {
        return frame == null ? binary.length : frame.length();
    }

    /** The text data after the type digit ("" when there is none); null for a binary packet. */
    public String data() {
        return frame == null ? null : frame.substring(1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet that && type == that.type
                && Objects.equals(frame, that.frame) && Arrays.equals(binary, that.binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, frame) * 31 + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return isBinary() ? "Packet[MESSAGE, " + binary.length + " bytes]" : "Packet[" + type + ", " + abbreviated(frame) + "]";
    }

    private static String abbreviated(String frame) {
        return frame.length() <= 64 ? frame : frame.substring(0, 64) + "…(" + frame.length() + " chars)";
    }
}
