package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SioEncoderTest {
    private final SioEncoder encoder = new SioEncoder(JsonbBuilder.create());

    public record Point(int x, String label) {
    }

    @Test
    void eventInMainNamespace() {
        List<Packet> packets = encoder.event("/", null, "hello", new Object[] {1, "two", true, null});
        assertEquals(List.of(Packet.message("2[\"hello\",1,\"two\",true,null]")), packets);
        assertEquals("42[\"hello\",1,\"two\",true,null]", packets.get(0).frame());
    }

    @Test
    void eventInNamespaceWithAckId() {
        assertEquals("2/chat,7[\"say\",{\"a\":[1,2]}]",
                encoder.event("/chat", 7L, "say", new Object[] {Map.of("a", List.of(1, 2))}).get(0).data());
    }

    @Test
    void recordsAndJsonValuesAreSerialized() {
        String data = encoder.event("/", null, "p", new Object[] {new Point(3, "x"), Json.createValue("raw")}).get(0).data();
        assertEquals("2[\"p\",{\"label\":\"x\",\"x\":3},\"raw\"]", data);
    }

    @Test
    void binaryAnywhereBecomesPlaceholdersAndAttachments() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("file", new byte[] {9});
        List<Packet> packets = encoder.event("/", 5L, "upload", new Object[] {new byte[] {1, 2}, nested});
        assertEquals(3, packets.size());
        assertEquals("52-5[\"upload\",{\"_placeholder\":true,\"num\":0},{\"file\":{\"_placeholder\":true,\"num\":1}}]", packets.get(0).data());
        assertArrayEquals(new byte[] {1, 2}, packets.get(1).binary());
        assertArrayEquals(new byte[] {9}, packets.get(2).binary());
    }

    @Test
    void acksAndBinaryAcks() {
        assertEquals("3/chat,4[\"ok\"]", encoder.ack("/chat", 4, new Object[] {"ok"}).get(0).data());
        assertEquals("61-4[{\"_placeholder\":true,\"num\":0}]", encoder.ack("/", 4, new Object[] {new byte[0]}).get(0).data());
    }

    @Test
    void connectConnectErrorAndDisconnect() {
        assertEquals("0{\"sid\":\"abc\"}", encoder.connect("/", "abc", null).data());
        assertEquals("0/x,{\"sid\":\"abc\"}", encoder.connect("/x", "abc", null).data());
        assertEquals("0/x,{\"sid\":\"abc\",\"pid\":\"p1\"}", encoder.connect("/x", "abc", "p1").data());
        assertEquals("4/random,{\"message\":\"Invalid namespace\"}", encoder.connectError("/random", "Invalid namespace", null).data());
        assertEquals("4{\"message\":\"no\",\"data\":{\"reason\":\"bad token\"}}",
                encoder.connectError("/", "no", Map.of("reason", "bad token")).data());
        assertEquals("1/chat,", encoder.disconnect("/chat").data());
    }

    @Test
    void stringsAreEscaped() {
        assertEquals("2[\"q\",\"a\\\"b\\\\c\\n\"]", encoder.event("/", null, "q", new Object[] {"a\"b\\c\n"}).get(0).data());
    }
}
