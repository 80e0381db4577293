package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.adapter.cluster.ClusterJson;
import dev.switchboard.adapter.cluster.MalformedMessageException;
import dev.switchboard.adapter.cluster.MessagePack;
import dev.switchboard.adapter.cluster.MessageType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encodings of {@code @socket.io/redis-streams-adapter} 0.3.1: a stream entry's fields {@code uid nsp type
 * [data]} (data as JSON, or base64 MessagePack when it holds binary), a channel message (MessagePack of
 * {@code {uid, nsp, type, data}}), and a session record (base64 MessagePack of {@code {sid, pid, rooms, data}}).
 * Thread-safe.
 */
final class StreamCodec {
    private final MessagePack messagePack;

    StreamCodec(MessagePack messagePack) {
        this.messagePack = messagePack;
    }

    /** The fields of a stream entry, in the order Node's adapter writes them. */
    Map<byte[], byte[]> entry(String uid, String namespace, MessageType type, Object data) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes("uid"), bytes(uid));
        fields.put(bytes("nsp"), bytes(namespace));
        fields.put(bytes("type"), bytes(String.valueOf(type.code())));
        if (data != null) {
            String text = type.mayCarryBinary() && holdsBinary(data)
                    ? Base64.getEncoder().encodeToString(messagePack.encode(data)) : ClusterJson.write(data);
            fields.put(bytes("data"), bytes(text));
        }
        return fields;
    }

    /** A stream entry's data: JSON when it starts with '{', else base64 MessagePack. */
    Map<String, Object> entryData(Map<String, String> fields) {
        String data = fields.get("data");
        if (data == null) {
            return Map.of();
        }
        try {
            return map(data.startsWith("{") ? ClusterJson.read(data) : messagePack.decode(Base64.getDecoder().decode(data)));
        } catch (IllegalArgumentException notBase64) {
            throw new MalformedMessageException("data is neither JSON nor base64: " + notBase64.getMessage());
        }
    }

    byte[] message(String uid, String namespace, MessageType type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("uid", uid);
        message.put("nsp", namespace);
        message.put("type", type.code());
        if (data != null) {
            message.put("data", data);
        }
        return messagePack.encode(message);
    }

    Map<String, Object> message(byte[] payload) {
        return map(messagePack.decode(payload));
    }

    /** @param plainData the session's attributes as plain values */
    byte[] session(SessionRecord session, Object plainData) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("sid", session.sid());
        record.put("pid", session.pid());
        record.put("rooms", List.copyOf(session.rooms()));
        record.put("data", plainData);
        return bytes(Base64.getEncoder().encodeToString(messagePack.encode(record)));
    }

    SessionRecord session(byte[] stored) {
        Map<String, Object> record;
        try {
            record = map(messagePack.decode(Base64.getDecoder().decode(stored)));
        } catch (IllegalArgumentException notBase64) {
            throw new MalformedMessageException("a session is base64 MessagePack");
        }
        if (!(record.get("sid") instanceof String sid) || !(record.get("pid") instanceof String pid)
                || !(record.get("rooms") instanceof List<?> rooms)) {
            throw new MalformedMessageException("a session is {sid, pid, rooms, data}");
        }
        Set<String> names = new LinkedHashSet<>();
        rooms.forEach(room -> names.add(String.valueOf(room)));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = record.get("data") instanceof Map<?, ?> values ? (Map<String, Object>) values : Map.of();
        return new SessionRecord(sid, pid, names, data);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new MalformedMessageException("expected an object");
        }
        return (Map<String, Object>) map;
    }

    private static boolean holdsBinary(Object value) {
        if (value instanceof byte[]) {
            return true;
        } else if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(StreamCodec::holdsBinary);
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (holdsBinary(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
