package dev.switchboard.socketio;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * JSON-P values and strings written as JSON text straight into a packet's builder. {@code JsonValue.toString()}
 * made a writer, a generator and a pooled buffer for every value (Parsson): 7 % of the CPU of an echo on Payara.
 * Strings are escaped as {@code JSON.stringify} escapes them, lone surrogates included, so a client reads back
 * exactly what a Node server would have sent. Stateless.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    static void append(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    appendString(member.getKey(), out);
                    out.append(':');
                    append(member.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonValue item : (JsonArray) value) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(item, out);
                }
                out.append(']');
            }
            case STRING -> appendString(((JsonString) value).getString(), out);
            case NUMBER -> out.append(((JsonNumber) value).toString());
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    /** A JSON string literal, quotes included. */
    static void appendString(String text, StringBuilder out) {
        out.append('"');
        int length = text.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !(Character.isSurrogate(c) && !pairedSurrogate(text, i))) {
                continue; // written as it is, with the run it belongs to
            }
            out.append(text, plainFrom, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> unicodeEscape(c, out); // another control character, or a lone surrogate
            }
            plainFrom = i + 1;
        }
        out.append(text, plainFrom, length).append('"');
    }

    private static boolean pairedSurrogate(String text, int at) {
        char c = text.charAt(at);
        if (Character.isHighSurrogate(c)) {
            return at + 1 < text.length() && Character.isLowSurrogate(text.charAt(at + 1));
        }
        return at > 0 && Character.isHighSurrogate(text.charAt(at - 1));
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
