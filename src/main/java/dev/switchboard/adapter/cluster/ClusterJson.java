package dev.switchboard.adapter.cluster;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain values (maps, lists, strings, numbers, booleans, null, byte[], Instant) as the JSON Node's adapters write
 * with {@code JSON.stringify}, and back. Thread-safe: stateless apart from the JSON-P provider.
 */
public final class ClusterJson {
    private static final JsonProvider JSON = JsonProvider.provider();

    private ClusterJson() {
    }

    public static String write(Object value) {
        return toJson(value).toString();
    }

    /** @throws MalformedMessageException when the text is not JSON */
    public static Object read(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return fromJson(reader.readValue());
        } catch (RuntimeException notJson) {
            throw new MalformedMessageException("not JSON: " + notJson.getMessage());
        }
    }

    private static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof String string) {
            return JSON.createValue(string);
        } else if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Integer || value instanceof Long) {
            return JSON.createValue(((Number) value).longValue());
        } else if (value instanceof Number number) {
            return JSON.createValue(number.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            var object = JSON.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), toJson(item)));
            return object.build();
        } else if (value instanceof Iterable<?> items) {
            var array = JSON.createArrayBuilder();
            items.forEach(item -> array.add(toJson(item)));
            return array.build();
        } else if (value instanceof byte[] bytes) {
            // as Node's JSON.stringify writes a Buffer
            var data = JSON.createArrayBuilder();
            for (byte b : bytes) {
                data.add(b & 0xff);
            }
            return JSON.createObjectBuilder().add("type", "Buffer").add("data", data).build();
        } else if (value instanceof Instant instant) {
            return JSON.createValue(instant.toString());
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    private static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                yield number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                ((JsonArray) value).forEach(item -> items.add(fromJson(item)));
                yield items;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((key, item) -> map.put(key, fromJson(item)));
                yield map;
            }
        };
    }
}
