package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final Jsonb jsonb;

    /** @param jsonb binds what is neither JSON-P nor a plain value (records, POJOs) */
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

    /** CONNECT {@code {sid}}, and {@code pid} too when the session can be recovered. */
    public Packet connect(String namespace, String socketId, String pid) {
        StringBuilder data = new StringBuilder("{\"sid\":");
        JsonText.appendString(socketId, data);
        if (pid != null) {
            data.append(",\"pid\":");
            JsonText.appendString(pid, data);
        }
        return header(SioPacketType.CONNECT, namespace, null, data.append('}').toString());
    }

    /** CONNECT_ERROR as an object: clients read {@code message} and {@code data} from it. */
    public Packet connectError(String namespace, String message, Object data) {
        StringBuilder text = new StringBuilder("{\"message\":");
        JsonText.appendString(message, text);
        if (data != null) {
            text.append(",\"data\":");
            write(data, text, new ArrayList<>());
        }
        return header(SioPacketType.CONNECT_ERROR, namespace, null, text.append('}').toString());
    }

    public Packet disconnect(String namespace) {
        return header(SioPacketType.DISCONNECT, namespace, null, "");
    }

    private List<Packet> encode(SioPacketType textType, String namespace, Long ackId, List<Object> payload) {
        List<byte[]> attachments = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        write(payload, out, attachments);
        if (attachments.isEmpty()) {
            return List.of(header(textType, namespace, ackId, out.toString()));
        }
        SioPacketType binaryType = textType == SioPacketType.EVENT ? SioPacketType.BINARY_EVENT : SioPacketType.BINARY_ACK;
        List<Packet> packets = new ArrayList<>(attachments.size() + 1);
        packets.add(header(binaryType, namespace, ackId, out.toString(), attachments.size()));
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

    private void write(Object value, StringBuilder out, List<byte[]> attachments) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof byte[] bytes) {
            placeholder(bytes, out, attachments);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            placeholder(bytes, out, attachments);
        } else if (value instanceof JsonValue jsonValue) {
            JsonText.append(jsonValue, out);
        } else if (value instanceof String string) {
            JsonText.appendString(string, out);
        } else if (value instanceof Instant instant) {
            // a Date from a Node node: as JSON.stringify writes it, milliseconds and Z
            out.append('"').append(JS_DATE.format(instant)).append('"');
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.appendString(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out, attachments);
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            writeArray(items, out, attachments);
        } else if (value instanceof Object[] items) {
            writeArray(List.of(nullSafe(items)), out, attachments);
        } else {
            out.append(jsonb.toJson(value)); // records, POJOs, doubles (NaN as JSON-B decides)
        }
    }

    private void writeArray(Collection<?> items, StringBuilder out, List<byte[]> attachments) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(item, out, attachments);
        }
        out.append(']');
    }

    private static void placeholder(byte[] bytes, StringBuilder out, List<byte[]> attachments) {
        out.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
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
