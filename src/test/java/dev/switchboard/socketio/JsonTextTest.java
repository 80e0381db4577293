package dev.switchboard.socketio;

import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    private static String text(JsonValue value) {
        StringBuilder out = new StringBuilder();
        JsonText.append(value, out);
        return out.toString();
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder();
        JsonText.appendString(value, out);
        return out.toString();
    }

    @Test
    void writesEveryKindOfValueAsJsonPWouldOrderAndNumbersIncluded() {
        JsonValue value = Json.createObjectBuilder()
                .add("b", Json.createArrayBuilder().add(1).add(-2.5).add(new BigDecimal("1e400")).add(true).add(false).addNull())
                .add("a", Json.createObjectBuilder().add("nested", "x").add("empty", Json.createArrayBuilder()))
                .add("big", Long.MAX_VALUE)
                .build();
        assertEquals(value.toString(), text(value));
        assertEquals("{\"b\":[1,-2.5,1E+400,true,false,null],\"a\":{\"nested\":\"x\",\"empty\":[]},\"big\":9223372036854775807}",
                text(value));
    }

    @Test
    void escapesAsJsonStringifyDoes() {
        assertEquals("\"quote \\\" backslash \\\\ slash / \\b\\f\\n\\r\\t \\u0000\\u001f \u007f é\"",
                string("quote \" backslash \\ slash / \b\f\n\r\t \u0000\u001f \u007f é"));
        assertEquals("\"pair \uD83D\uDE00 lone \\ud83d, \\ude00 and \\udbff\\udbff\uDBFF\uDFFF\"",
                string("pair \uD83D\uDE00 lone \uD83D, \uDE00 and \uDBFF\uDBFF\uDBFF\uDFFF"));
        assertEquals("\"\"", string(""));
    }

    @Property
    void anyStringReadsBackAsItself(@ForAll String value) {
        JsonValue read = Json.createReader(new StringReader(string(value))).readValue();
        assertEquals(value, ((JsonString) read).getString());
    }
}
