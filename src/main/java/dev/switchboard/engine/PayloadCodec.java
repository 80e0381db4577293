package dev.switchboard.engine;

import java.util.ArrayList;
import java.util.List;

/** Engine.IO v4 long-polling payloads: packets separated by the record separator {@code \x1e}. */
public final class PayloadCodec {
    static final char SEPARATOR = '\u001e';

    private PayloadCodec() {
    }

    public static List<Packet> decode(String payload) throws MalformedPacketException {
        if (payload.isEmpty()) {
            throw new MalformedPacketException("empty payload");
        }
        List<Packet> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = payload.indexOf(SEPARATOR, start);
            String item = end < 0 ? payload.substring(start) : payload.substring(start, end);
            packets.add(PacketCodec.decodePayloadItem(item));
            if (end < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    /**
     * How many packets, from the first, fit in a payload of {@code limit} bytes; one at least, so that a packet longer
     * than the limit still goes out, alone. Text counts a byte a character, which is exact for the ASCII that
     * Engine.IO's own packets and most JSON are made of.
     */
    public static int countFitting(List<Packet> packets, int limit) {
        long length = 0;
        for (int i = 0; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            // a binary packet travels as "b" and its base64; every packet but the first is preceded by a separator
            length += (i == 0 ? 0 : 1) + (packet.isBinary() ? 1 + 4L * ((packet.binary().length + 2) / 3) : packet.length());
            if (length > limit && i > 0) {
                return i;
            }
        }
        return packets.size();
    }

    public static String encode(List<Packet> packets) {
        if (packets.size() == 1) {
            return PacketCodec.encodePayloadItem(packets.get(0));
        }
        StringBuilder payload = new StringBuilder();
        for (Packet packet : packets) {
            if (!payload.isEmpty()) {
                payload.append(SEPARATOR);
            }
            payload.append(PacketCodec.encodePayloadItem(packet));
        }
        return payload.toString();
    }
}
