package dev.switchboard.handler;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of an event or acknowledgement, as the client sent them: JSON values, with binary
 * attachments in the places their placeholders stand.
 */
public final class Arguments {
    private final JsonArray values;
    private final List<byte[]> attachments;
    private final Jsonb jsonb;

    public Arguments(JsonArray values, List<byte[]> attachments, Jsonb jsonb) {
        this.values = values;
        this.attachments = List.copyOf(attachments);
        this.jsonb = jsonb;
    }

    public int size() {
        return values.size();
    }

    /** The argument as JSON; a binary attachment shows as its placeholder. */
    public JsonValue json(int index) {
        return values.get(index);
    }

    /**
     * The argument bound to {@code type}: byte[] for an attachment, JSON-P types as they are, anything else
     * with JSON-B. A missing argument is null.
     *
     * @throws IllegalArgumentException when the argument does not fit the type
     */
    @SuppressWarnings("unchecked")
    public <T> T get(int index, Type type) {
        if (index >= values.size()) {
            return null;
        }
        JsonValue value = values.get(index);
        if (type == byte[].class) {
            return (T) attachment(value);
        }
        if (type instanceof Class<?> c && JsonValue.class.isAssignableFrom(c)) {
            if (!c.isInstance(value)) {
                throw new IllegalArgumentException("argument " + index + " is not a " + c.getSimpleName());
            }
            return (T) value;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (type == String.class && value instanceof JsonString string) {
            return (T) string.getString();
        }
        try {
            return jsonb.fromJson(value.toString(), type);
        } catch (JsonbException mismatch) {
            throw new IllegalArgumentException("argument " + index + " does not bind to " + type.getTypeName(), mismatch);
        }
    }

    /**
     * All arguments as plain Java values, ready to emit again: objects as maps, arrays as lists, binary
     * attachments as byte[], strings, numbers and booleans as JSON-P values.
     */
    public List<Object> values() {
        List<Object> plain = new ArrayList<>(values.size());
        values.forEach(value -> plain.add(plain(value)));
        return plain;
    }

    private Object plain(JsonValue value) {
        byte[] binary = attachment(value);
        if (binary != null) {
            return binary;
        }
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach((key, member) -> map.put(key, plain(member)));
            return map;
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        return value;
    }

    /** The attachment a placeholder stands for, or null when the value is not a placeholder. */
    private byte[] attachment(JsonValue value) {
        if (value instanceof JsonObject object && object.size() == 2
                && object.get("_placeholder") == JsonValue.TRUE && object.get("num") instanceof JsonNumber num) {
            // an index only: intValue() would read 0.9 and 2^32 as 0, attachment 0 for a number that names none
            if (!num.isIntegral() || num.bigDecimalValue().compareTo(BigDecimal.valueOf(attachments.size())) >= 0) {
                return null;
            }
            int n = num.intValue();
            return n >= 0 ? attachments.get(n) : null;
        }
        return null;
    }

    @Override
    public String toString() {
        return "Arguments[" + values.size() + " values, " + attachments.size() + " attachments]";
    }
}
