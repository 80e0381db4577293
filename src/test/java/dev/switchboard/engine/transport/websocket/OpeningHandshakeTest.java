package dev.switchboard.engine.transport.websocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningHandshakeTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void acceptKeyIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", OpeningHandshake.accept(KEY)); // RFC 6455 section 1.3
    }

    @Test
    void acceptsAnOrdinaryUpgrade() {
        assertTrue(OpeningHandshake.check("GET", "keep-alive, Upgrade", "13", KEY).isEmpty());
        assertTrue(OpeningHandshake.isUpgrade("WebSocket"));
        assertFalse(OpeningHandshake.isUpgrade("h2c"));
        assertFalse(OpeningHandshake.isUpgrade(null));
    }

    @Test
    void refusesWhatIsNotAVersion13Handshake() {
        assertEquals(400, OpeningHandshake.check("POST", "Upgrade", "13", KEY).orElseThrow().status());
        assertEquals(400, OpeningHandshake.check("GET", "keep-alive", "13", KEY).orElseThrow().status());
        assertEquals(400, OpeningHandshake.check("GET", null, "13", KEY).orElseThrow().status());
        assertEquals(426, OpeningHandshake.check("GET", "Upgrade", "8", KEY).orElseThrow().status());
        assertEquals(426, OpeningHandshake.check("GET", "Upgrade", null, KEY).orElseThrow().status());
        assertEquals(400, OpeningHandshake.check("GET", "Upgrade", "13", "c2hvcnQ=").orElseThrow().status());
        assertEquals(400, OpeningHandshake.check("GET", "Upgrade", "13", "not base64!").orElseThrow().status());
        assertEquals(400, OpeningHandshake.check("GET", "Upgrade", "13", null).orElseThrow().status());
    }
}
