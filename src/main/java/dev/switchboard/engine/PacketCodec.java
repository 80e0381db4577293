package dev.switchboard.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Engine.IO v4 packet encoding. Over WebSocket a text frame is the type digit plus data and a binary frame
 * is a MESSAGE's raw bytes. Inside a polling payload a binary MESSAGE is {@code b} + base64.
 */
public final class PacketCodec {
    private static final char BINARY_MARK = 'b';

    private PacketCodec() {
    }

    /** Decodes a WebSocket text frame. */
    public static Packet decodeFrame(String frame) throws MalformedPacketException {
        if (frame.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        PacketType type = PacketType.fromCode(frame.charAt(0));
        if (type == null) {
            throw new MalformedPacketException("unknown packet type '" + printable(frame.charAt(0)) + "'");
        }
        return new Packet(type, frame, null);
    }

    /** Decodes a WebSocket binary frame: always a MESSAGE in EIO4. */
    public static Packet decodeFrame(byte[] frame) {
        return Packet.message(frame);
    }

    /** Decodes one packet of a polling payload (text, or {@code b} + base64). */
    public static Packet decodePayloadItem(String item) throws MalformedPacketException {
        if (!item.isEmpty() && item.charAt(0) == BINARY_MARK) {
            try {
                // Some clients (the Java one) wrap base64 lines; line breaks are not data, anything else stays strict.
                String base64 = item.indexOf('\n') < 0 ? item.substring(1) : item.substring(1).replace("\r", "").replace("\n", "");
                return Packet.message(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException badBase64) {
                throw new MalformedPacketException("invalid base64 in binary packet");
            }
        }
        return decodeFrame(item);
    }

    /** Encodes one packet as an item of a polling payload. */
    public static String encodePayloadItem(Packet packet) {
        return packet.isBinary()
                ? BINARY_MARK + Base64.getEncoder().encodeToString(packet.binary())
                : packet.frame();
    }

    /** Size of a packet on the wire, in bytes, for metrics and limits. */
    public static int wireSize(Packet packet) {
        return packet.isBinary() ? packet.binary().length : packet.frame().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
