package dev.switchboard.adapter.cluster;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * MessagePack against bytes notepack.io wrote (src/test/js/cluster/notepack-fixtures.mjs made the fixtures with
 * the npm packages the cluster tests use): every value decodes to what notepack decodes, everything Java can say
 * encodes to notepack's very bytes, and the messages Node's Redis adapter and emitter published decode whole.
 */
class MessagePackTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonObject FIXTURES = fixtures();
    private final MessagePack messagePack = new MessagePack();

    private static JsonObject fixtures() {
        try (InputStream in = MessagePackTest.class.getResourceAsStream("/dev/switchboard/adapter/notepack-fixtures.json")) {
            return Json.createReader(in).readObject();
        } catch (Exception missing) {
            throw new IllegalStateException("notepack-fixtures.json", missing);
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesWhatNotepackWrote() {
        return FIXTURES.getJsonArray("values").stream().map(JsonValue::asJsonObject).map(fixture -> DynamicTest.dynamicTest(
                fixture.getString("name"), () -> assertEquals(expected(fixture.get("json")),
                        normal(messagePack.decode(HEX.parseHex(fixture.getString("hex")))))));
    }

    @TestFactory
    Stream<DynamicTest> writesTheBytesNotepackWrites() {
        // a fixture with a note is one where notepack loses something (undefined, -0, 1e300, typed arrays, integers
        // beyond 2^53): Java cannot say the original, so only the lossless ones are written back
        return FIXTURES.getJsonArray("values").stream().map(JsonValue::asJsonObject)
                .filter(fixture -> !fixture.containsKey("note"))
                .map(fixture -> DynamicTest.dynamicTest(fixture.getString("name"), () -> {
                    byte[] bytes = HEX.parseHex(fixture.getString("hex"));
                    assertEquals(fixture.getString("hex"), HEX.formatHex(messagePack.encode(messagePack.decode(bytes))));
                }));
    }

    @TestFactory
    Stream<DynamicTest> decodesWhatNodesAdapterAndEmitterPublished() {
        return FIXTURES.getJsonArray("traffic").stream().map(JsonValue::asJsonObject)
                .filter(message -> message.getString("format").equals("msgpack"))
                .map(message -> DynamicTest.dynamicTest(message.getString("name"), () -> {
                    byte[] bytes = HEX.parseHex(message.getString("hex"));
                    assertEquals(expected(message.get("decoded")), normal(messagePack.decode(bytes)));
                    assertEquals(message.getString("hex"), HEX.formatHex(messagePack.encode(messagePack.decode(bytes))),
                            "written back byte for byte");
                }));
    }

    @Test
    void readsNotepacksOlderFormsOfUndefinedArrayBufferAndDate() {
        assertEquals(Arrays.asList(1L, null, 2L), messagePack.decode(HEX.parseHex("9301d4000002")), "undefined in an array is null");
        assertEquals(Map.of("b", 1L), messagePack.decode(HEX.parseHex("82a161d40000a16201")), "and left out of a map");
        assertArrayEquals(new byte[] {(byte) 0xaa, (byte) 0xbb}, (byte[]) messagePack.decode(HEX.parseHex("c70200aabb")));
        assertEquals(Instant.ofEpochMilli(10), messagePack.decode(HEX.parseHex("d700000000000000000a")));
    }

    @Test
    void writesInstantsAsNotepackWritesDates() {
        assertEquals("d7ff1d5353006553f100", HEX.formatHex(messagePack.encode(Instant.ofEpochMilli(1700000000123L))));
        assertEquals("c70cff3b8b87c0ffffffffffffffff", HEX.formatHex(messagePack.encode(Instant.ofEpochMilli(-1))));
        assertEquals("00", HEX.formatHex(messagePack.encode(-0.0)));
        assertEquals("cd0100", HEX.formatHex(messagePack.encode(256.0)), "a whole double is an integer, as in JavaScript");
    }

    @Test
    void refusesTruncatedTrailingAndUnknownInput() {
        for (String hex : List.of("", "c1", "92a161", "a3616263ff", "dc0010", "d9", "c70cff00", "93a6416243")) {
            assertThrows(MalformedMessageException.class, () -> messagePack.decode(HEX.parseHex(hex)), hex);
        }
        StringBuilder deep = new StringBuilder();
        deep.append("91".repeat(1000)).append("c0");
        assertThrows(MalformedMessageException.class, () -> messagePack.decode(HEX.parseHex(deep.toString())));
    }

    /** The fixtures' tagged JSON ({"$bin": base64}, {"$date": ms}, big integers as strings) in {@link #normal} form. */
    private static Object expected(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> true;
            case FALSE -> false;
            case NUMBER -> ((JsonNumber) value).bigDecimalValue().stripTrailingZeros();
            case STRING -> {
                String text = ((JsonString) value).getString();
                yield text.matches("-?\\d{16,}") ? new BigDecimal(text).stripTrailingZeros() : text;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                ((JsonArray) value).forEach(item -> items.add(expected(item)));
                yield items;
            }
            case OBJECT -> {
                JsonObject object = (JsonObject) value;
                if (object.size() == 1 && object.containsKey("$bin")) {
                    yield "$bin:" + object.getString("$bin");
                }
                if (object.size() == 1 && object.containsKey("$date")) {
                    yield "$date:" + object.getJsonNumber("$date").longValue();
                }
                Map<String, Object> map = new LinkedHashMap<>();
                object.forEach((key, item) -> map.put(key, expected(item)));
                yield map;
            }
        };
    }

    /** Decoded values made comparable: numbers as BigDecimal, binary as base64, instants as epoch ms. */
    private static Object normal(Object value) {
        if (value instanceof Long || value instanceof Double) {
            if (value instanceof Double d && Math.abs(d) >= 0x1p53) {
                return new BigDecimal(d).stripTrailingZeros(); // an integer beyond 2^53, as exactly as JavaScript holds it
            }
            return (value instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.valueOf((Double) value)).stripTrailingZeros();
        }
        if (value instanceof byte[] bytes) {
            return "$bin:" + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Instant instant) {
            return "$date:" + instant.toEpochMilli();
        }
        if (value instanceof List<?> items) {
            return items.stream().map(MessagePackTest::normal).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> normal = new LinkedHashMap<>();
            map.forEach((key, item) -> normal.put((String) key, normal(item)));
            return normal;
        }
        return value;
    }
}
