package dev.switchboard.handler;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgumentsTest {
    public record Join(String room, String name) {
    }

    private static Arguments args(String json, byte[]... attachments) {
        JsonArray values = Json.createReader(new java.io.StringReader(json)).readArray();
        return new Arguments(values, List.of(attachments), JsonbBuilder.create());
    }

    @Test
    void bindsStringsNumbersRecordsAndJson() {
        Arguments args = args("[\"hi\",42,{\"room\":\"r\",\"name\":\"n\"},{\"a\":1},null]");
        assertEquals("hi", args.get(0, String.class));
        assertEquals(42L, (Long) args.get(1, Long.class));
        assertEquals(new Join("r", "n"), args.get(2, Join.class));
        assertEquals(1, ((JsonObject) args.get(3, JsonObject.class)).getInt("a"));
        assertNull(args.get(4, String.class));
        assertNull(args.get(9, String.class), "a missing argument is null");
    }

    @Test
    void placeholdersBindToTheirAttachments() {
        Arguments args = args("[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]", new byte[] {1}, new byte[] {2});
        assertArrayEquals(new byte[] {2}, args.get(0, byte[].class));
        assertArrayEquals(new byte[] {1}, args.get(1, byte[].class));
    }

    @Test
    void aPlaceholderWhoseNumIsNoIndexBindsNoAttachment() {
        // 0.9 and 2^32 were read as 0; the reference parser calls them illegal attachments
        for (String num : new String[] {"0.9", "4294967296", "-1", "1", "1e400"}) {
            Arguments args = args("[{\"_placeholder\":true,\"num\":" + num + "}]", new byte[] {7});
            assertNull(args.get(0, byte[].class), num);
        }
    }

    @Test
    void valuesRebuildNestedBinaryForReEmitting() {
        Arguments args = args("[{\"file\":{\"_placeholder\":true,\"num\":0},\"n\":[1]}]", new byte[] {7});
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) args.values().get(0);
        assertArrayEquals(new byte[] {7}, (byte[]) first.get("file"));
        assertEquals(List.of(Json.createValue(1)), first.get("n"));
    }

    @Test
    void mismatchedTypeIsTheClientsMistake() {
        assertThrows(IllegalArgumentException.class, () -> args("[\"not a number\"]").get(0, Long.class));
        assertThrows(IllegalArgumentException.class, () -> args("[\"text\"]").get(0, JsonObject.class));
    }
}
