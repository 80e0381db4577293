package dev.switchboard.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(EngineError.UNKNOWN_TRANSPORT, 400, "{\"code\":0,\"message\":\"Transport unknown\"}"),
                Arguments.of(EngineError.UNKNOWN_SID, 400, "{\"code\":1,\"message\":\"Session ID unknown\"}"),
                Arguments.of(EngineError.BAD_HANDSHAKE_METHOD, 400, "{\"code\":2,\"message\":\"Bad handshake method\"}"),
                Arguments.of(EngineError.BAD_REQUEST, 400, "{\"code\":3,\"message\":\"Bad request\"}"),
                Arguments.of(EngineError.FORBIDDEN, 403, "{\"code\":4,\"message\":\"Forbidden\"}"),
                Arguments.of(EngineError.UNSUPPORTED_PROTOCOL_VERSION, 400, "{\"code\":5,\"message\":\"Unsupported protocol version\"}"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void answersWithTheReferenceServersStatusAndBody(EngineError error, int status, String json) {
        assertEquals(status, error.httpStatus());
        assertEquals(json, error.json());
    }

    @ParameterizedTest
    @MethodSource("errors")
    void closeReasonFitsAWebSocketControlFrame(EngineError error, int status, String json) {
        // the error's own JSON is the WebSocket close reason, which RFC 6455 limits to 123 bytes
        assertTrue(error.json().getBytes(StandardCharsets.UTF_8).length <= 123, error.json());
    }

    @org.junit.jupiter.api.Test
    void everyErrorsCloseReasonFitsAWebSocketControlFrame() {
        for (EngineError error : EngineError.values()) {
            assertTrue(error.json().getBytes(StandardCharsets.UTF_8).length <= 123, error.json());
        }
    }
}
