package dev.switchboard.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * One Engine.IO packet. A text packet keeps its wire form ({@code frame}: type digit + data), so a packet
 * decoded from the wire is not copied and a packet sent to many sessions is encoded once. A binary packet is
 * always a MESSAGE and carries its bytes; they are never modified after construction.
 * <p>
 * A transport that frames packets itself (Switchboard's WebSocket) keeps the frame on the packet
 * ({@link #framedBy}): a broadcast's frame is built by its first recipient and the same bytes go to every other.
 * Immutable but for that cache; any thread.
 */
public final class Packet {

    public static final Packet PING = of(PacketType.PING);
    public static final Packet PONG_PROBE = text(PacketType.PONG, "probe");
    public static final Packet CLOSE = of(PacketType.CLOSE);
    public static final Packet NOOP = of(PacketType.NOOP);

    private final PacketType type;
    private final String frame;
    private final byte[] binary;
    /** The last framing asked for and its bytes; written by whichever thread frames first, racing writers agree. */
    private volatile Framed framed;

    private record Framed(Function<Packet, byte[]> framing, byte[] bytes) {
    }

    /**
     * @param frame the text frame, or null for a binary packet
     * @param binary the payload of a binary message, or null for a text packet
     */
    public Packet(PacketType type, String frame, byte[] binary) {
        Objects.requireNonNull(type, "type");
        if ((frame == null) == (binary == null)) {
            throw new IllegalArgumentException("a packet is either text or binary");
        }
        if (binary != null && type != PacketType.MESSAGE) {
            throw new IllegalArgumentException("only MESSAGE packets carry binary data");
        }
        this.type = type;
        this.frame = frame;
        this.binary = binary;
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

    public PacketType type() {
        return type;
    }

    /** The text frame (type digit + data), or null for a binary packet. */
    public String frame() {
        return frame;
    }

    /** The payload of a binary message, or null for a text packet. Never modified. */
    public byte[] binary() {
        return binary;
    }

    /**
     * This packet as {@code framing} frames it, made once and then shared by every session a broadcast reaches. The
     * framing must be a constant (it is compared by identity) and give the same bytes every time; the caller must not
     * modify them.
     */
    public byte[] framedBy(Function<Packet, byte[]> framing) {
        Framed cached = framed;
        if (cached != null && cached.framing() == framing) {
            return cached.bytes();
        }
        byte[] bytes = framing.apply(this);
        framed = new Framed(framing, bytes);
        return bytes;
    }

    /**
     * The same packet, its data shared (not copied), with nothing framed from it: for a log that keeps packets longer
     * than a send, so that the frames made for sending are not kept with it.
     */
    public Packet detached() {
        return new Packet(type, frame, binary);
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
