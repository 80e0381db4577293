package dev.switchboard.socketio;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
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
