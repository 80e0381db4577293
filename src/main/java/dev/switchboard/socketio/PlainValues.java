package dev.switchboard.socketio;

import dev.switchboard.handler.Arguments;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Application values as a cluster adapter carries them: maps, lists, strings, numbers, booleans, null, byte[] and
 * instants, kept as they are; records, POJOs and JSON-P values become what their JSON says, through JSON-B, exactly
 * as a client would receive them. Thread-safe.
 */
final class PlainValues {
    private final JsonProvider json;
    private final Jsonb jsonb;

    PlainValues(JsonProvider json, Jsonb jsonb) {
        this.json = json;
        this.jsonb = jsonb;
    }

    /** {@code [event, ...args]} */
    List<Object> event(String event, Object[] args) {
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(of(arg));
        }
        return data;
    }

    /** Arguments as a handler takes them, from plain values: byte[] become attachments behind placeholders. */
    Arguments arguments(List<Object> values) {
        List<byte[]> attachments = new ArrayList<>();
        JsonArrayBuilder array = json.createArrayBuilder();
        values.forEach(value -> array.add(toJson(value, attachments)));
        return new Arguments(array.build(), attachments, jsonb);
    }

    private JsonValue toJson(Object value, List<byte[]> attachments) {
        if (value instanceof byte[] bytes) {
            attachments.add(bytes);
            return json.createObjectBuilder().add("_placeholder", true).add("num", attachments.size() - 1).build();
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = json.createObjectBuilder();
            map.forEach((key, item) -> object.add(String.valueOf(key), toJson(item, attachments)));
            return object.build();
        }
        if (value instanceof List<?> items) {
            JsonArrayBuilder array = json.createArrayBuilder();
            items.forEach(item -> array.add(toJson(item, attachments)));
            return array.build();
        }
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String string) {
            return json.createValue(string);
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer) {
            return json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            return json.createValue(number.doubleValue());
        }
        Object plain = of(value);
        return plain == value ? json.createValue(String.valueOf(value)) : toJson(plain, attachments);
    }

    Object of(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number
                || value instanceof byte[] || value instanceof Instant) {
            return value;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof JsonValue jsonValue) {
            return fromJson(jsonValue);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map.forEach((key, item) -> plain.put(String.valueOf(key), of(item)));
            return plain;
        }
        if (value instanceof Collection<?> items) {
            List<Object> plain = new ArrayList<>(items.size());
            items.forEach(item -> plain.add(of(item)));
            return plain;
        }
        if (value instanceof Object[] items) {
            List<Object> plain = new ArrayList<>(items.length);
            for (Object item : items) {
                plain.add(of(item));
            }
            return plain;
        }
        try (var reader = json.createReader(new StringReader(jsonb.toJson(value)))) {
            return fromJson(reader.readValue());
        }
    }

    private static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                yield number.isIntegral() && number.bigDecimalValue().abs().doubleValue() < 0x1p63
                        ? (Object) number.longValue() : (Object) number.doubleValue();
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
