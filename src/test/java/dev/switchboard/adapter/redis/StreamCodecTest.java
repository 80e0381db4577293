package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.adapter.cluster.MalformedMessageException;
import dev.switchboard.adapter.cluster.MessagePack;
import dev.switchboard.adapter.cluster.MessageType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streams adapter's encodings, as @socket.io/redis-streams-adapter 0.3.1 writes and reads them. */
class StreamCodecTest {
    private final StreamCodec codec = new StreamCodec(new MessagePack());

    @Test
    void anEntryIsUidNspTypeAndJsonDataUnlessItHoldsBinary() {
        Map<String, Object> data = Map.of("packet", Map.of("type", 2, "data", List.of("news", 1), "nsp", "/chat"));
        Map<String, String> fields = strings(codec.entry("abc", "/chat", MessageType.BROADCAST, data));
        assertEquals(List.of("uid", "nsp", "type", "data"), List.copyOf(fields.keySet()));
        assertEquals("3", fields.get("type"));
        assertTrue(fields.get("data").startsWith("{"), fields.get("data"));
        assertEquals(Map.of("packet", Map.of("type", 2L, "data", List.of("news", 1L), "nsp", "/chat")),
                codec.entryData(fields), "JSON numbers come back as longs");

        Map<String, Object> binary = Map.of("packet", Map.of("type", 2, "data", List.of("file", new byte[] {1, 2}), "nsp", "/"));
        Map<String, String> withBinary = strings(codec.entry("abc", "/", MessageType.BROADCAST, binary));
        assertTrue(!withBinary.get("data").startsWith("{"), "base64 MessagePack: " + withBinary.get("data"));
        @SuppressWarnings("unchecked")
        List<Object> args = (List<Object>) ((Map<String, Object>) codec.entryData(withBinary).get("packet")).get("data");
        assertArrayEquals(new byte[] {1, 2}, (byte[]) args.get(1));

        Map<String, String> join = strings(codec.entry("abc", "/", MessageType.SOCKETS_JOIN, Map.of("rooms", List.of(new byte[] {1}))));
        assertTrue(join.get("data").startsWith("{"), "a type that may not carry binary is always JSON, as in Node");
    }

    @Test
    void malformedDataIsRefusedWithOneException() {
        assertThrows(MalformedMessageException.class, () -> codec.entryData(Map.of("data", "{broken")));
        assertThrows(MalformedMessageException.class, () -> codec.entryData(Map.of("data", "not base64!")));
        assertThrows(MalformedMessageException.class, () -> codec.entryData(Map.of("data", "[1,2]")));
        assertThrows(MalformedMessageException.class, () -> codec.message("not MessagePack".getBytes(StandardCharsets.UTF_8)));
        assertThrows(MalformedMessageException.class, () -> codec.session("%%%".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSessionIsBase64MessagePackOfSidPidRoomsAndData() {
        SessionRecord session = new SessionRecord("sid1", "pid1", Set.of("sid1", "room"), Map.of());
        byte[] stored = codec.session(session, Map.of("name", "ann"));
        SessionRecord back = codec.session(stored);
        assertEquals("sid1", back.sid());
        assertEquals("pid1", back.pid());
        assertEquals(Set.of("sid1", "room"), back.rooms());
        assertEquals(Map.of("name", "ann"), back.data());
    }

    private static Map<String, String> strings(Map<byte[], byte[]> fields) {
        Map<String, String> strings = new LinkedHashMap<>();
        fields.forEach((key, value) -> strings.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8)));
        return strings;
    }
}
