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
