package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes outgoing Socket.IO packets as Engine.IO packets: a text header, then one binary packet per
 * attachment. Java values become JSON: byte[] and ByteBuffer (inside maps, lists and arrays too) become
 * placeholders with attachments; JSON-P values stay as they are; anything else goes through JSON-B.
 * Thread-safe.
 */
public final class SioEncoder {
    private final Jsonb jsonb;

    public SioEncoder(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /** EVENT or BINARY_EVENT {@code [event, ...args]}. */
    public List<Packet> event(String namespace, Long ackId, String event, Object[] args) {
        List<Object> payload = new ArrayList<>(args.length + 1);
        payload.add(event);
        payload.addAll(List.of(nullSafe(args)));
        return encode(SioPacketType.EVENT, namespace, ackId, payload);
    }

    /** ACK or BINARY_ACK {@code [...args]}. */
    public List<Packet> ack(String namespace, long ackId, Object[] args) {
        return encode(SioPacketType.ACK, namespace, ackId, List.of(nullSafe(args)));
    }

    public Packet connect(String namespace, String socketId) {
        return header(SioPacketType.CONNECT, namespace, null, Json.createObjectBuilder().add("sid", socketId).build().toString());
    }

    /** CONNECT_ERROR as an object: clients read {@code message} and {@code data} from it. */
    public Packet connectError(String namespace, String message, Object data) {
        StringBuilder json = new StringBuilder("{\"message\":").append(Json.createValue(message));
        if (data != null) {
            json.append(",\"data\":");
            write(data, json, new ArrayList<>());
        }
        return header(SioPacketType.CONNECT_ERROR, namespace, null, json.append('}').toString());
    }

    public Packet disconnect(String namespace) {
        return header(SioPacketType.DISCONNECT, namespace, null, "");
    }

    private List<Packet> encode(SioPacketType textType, String namespace, Long ackId, List<Object> payload) {
        List<byte[]> attachments = new ArrayList<>();
        StringBuilder json = new StringBuilder();
        write(payload, json, attachments);
        if (attachments.isEmpty()) {
            return List.of(header(textType, namespace, ackId, json.toString()));
        }
        SioPacketType binaryType = textType == SioPacketType.EVENT ? SioPacketType.BINARY_EVENT : SioPacketType.BINARY_ACK;
        List<Packet> packets = new ArrayList<>(attachments.size() + 1);
        packets.add(header(binaryType, namespace, ackId, json.toString(), attachments.size()));
        attachments.forEach(bytes -> packets.add(Packet.message(bytes)));
        return packets;
    }

    private static Packet header(SioPacketType type, String namespace, Long ackId, String json) {
        return header(type, namespace, ackId, json, 0);
    }

    private static Packet header(SioPacketType type, String namespace, Long ackId, String json, int attachments) {
        StringBuilder text = new StringBuilder(json.length() + 16).append(type.code());
        if (attachments > 0) {
            text.append(attachments).append('-');
        }
        if (!"/".equals(namespace)) {
            text.append(namespace).append(',');
        }
        if (ackId != null) {
            text.append(ackId);
        }
        return Packet.message(text.append(json).toString());
    }

    private void write(Object value, StringBuilder json, List<byte[]> attachments) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof byte[] bytes) {
            placeholder(bytes, json, attachments);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            placeholder(bytes, json, attachments);
        } else if (value instanceof JsonValue jsonValue) {
            json.append(jsonValue);
        } else if (value instanceof String string) {
            json.append(Json.createValue(string));
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            json.append(value);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                json.append(Json.createValue(String.valueOf(entry.getKey()))).append(':');
                write(entry.getValue(), json, attachments);
            }
            json.append('}');
        } else if (value instanceof Collection<?> items) {
            writeArray(items, json, attachments);
        } else if (value instanceof Object[] items) {
            writeArray(List.of(nullSafe(items)), json, attachments);
        } else {
            json.append(jsonb.toJson(value)); // records, POJOs, doubles (NaN as JSON-B decides)
        }
    }

    private void writeArray(Collection<?> items, StringBuilder json, List<byte[]> attachments) {
        json.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                json.append(',');
            }
            first = false;
            write(item, json, attachments);
        }
        json.append(']');
    }

    private static void placeholder(byte[] bytes, StringBuilder json, List<byte[]> attachments) {
        json.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
        attachments.add(bytes);
    }

    /** List.of refuses nulls; emit arguments may be null. */
    private static Object[] nullSafe(Object[] args) {
        for (Object arg : args) {
            if (arg == null) {
                Object[] copy = args.clone();
                for (int i = 0; i < copy.length; i++) {
                    copy[i] = copy[i] == null ? JsonValue.NULL : copy[i];
                }
                return copy;
            }
        }
        return args;
    }
}
