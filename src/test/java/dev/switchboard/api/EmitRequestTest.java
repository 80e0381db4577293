package dev.switchboard.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmitRequestTest {

    @Test
    void readsEveryField() {
        EmitResource.EmitRequest request = parse("{\"namespace\":\"/chat\",\"room\":\"lobby\",\"event\":\"news\",\"args\":[1,\"two\",{\"three\":3}]}");
        assertEquals("/chat", request.namespace());
        assertEquals("lobby", request.room());
        assertNull(request.socket());
        assertEquals("news", request.event());
        assertEquals("[1,\"two\",{\"three\":3}]", request.args().toString());
        assertFalse(request.isVolatile());
        assertTrue(parse("{\"namespace\":\"/\",\"event\":\"where\",\"volatile\":true}").isVolatile());
    }

    @Test
    void argsDefaultToNone() {
        assertEquals("[]", parse("{\"namespace\":\"/\",\"event\":\"ping-all\"}").args().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json at all|The body is not valid JSON",
            "[1,2]|The body must be a JSON object",
            "{\"event\":\"e\"}|namespace is required",
            "{\"namespace\":\"chat\",\"event\":\"e\"}|namespace must start with /",
            "{\"namespace\":\"/\"}|event is required",
            "{\"namespace\":\"/\",\"event\":\"\"}|event must be a non-empty string",
            "{\"namespace\":\"/\",\"event\":7}|event must be a non-empty string",
            "{\"namespace\":\"/\",\"event\":\"disconnect\"}|event 'disconnect' is reserved by Socket.IO",
            "{\"namespace\":\"/\",\"event\":\"e\",\"room\":\"r\",\"socket\":\"s\"}|Give room or socket, not both",
            "{\"namespace\":\"/\",\"event\":\"e\",\"args\":{}}|args must be an array",
            "{\"namespace\":\"/\",\"event\":\"e\",\"rooms\":[\"r\"]}|Unknown field: rooms",
            "{\"namespace\":\"/\",\"event\":\"e\",\"volatile\":\"yes\"}|volatile must be true or false"
    })
    void invalidBodiesSayWhatIsWrong(String body, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> parse(body));
        assertEquals(message, error.getMessage());
    }

    private static EmitResource.EmitRequest parse(String body) {
        return EmitResource.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
