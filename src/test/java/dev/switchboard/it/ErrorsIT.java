package dev.switchboard.it;

import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.FrameSocket;
import jakarta.websocket.CloseReason.CloseCodes;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Requests Engine.IO turns away, with the reference server's codes: over HTTP a 400/403 with a JSON body, over
 * WebSocket a close frame (1008 when forbidden, 1002 otherwise) whose reason is the same JSON.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class ErrorsIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String TRANSPORT_UNKNOWN = "{\"code\":0,\"message\":\"Transport unknown\"}";
    private static final String BAD_HANDSHAKE_METHOD = "{\"code\":2,\"message\":\"Bad handshake method\"}";
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";
    private static final String UNSUPPORTED_PROTOCOL_VERSION = "{\"code\":5,\"message\":\"Unsupported protocol version\"}";
    private static final String UNKNOWN_SID = "AAAAAAAAAAAAAAAAAAAA";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    URI base;
    PollingClient polling;

    @BeforeEach
    void connect() {
        base = Deployments.loopback(deployed);
        polling = new PollingClient(base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EIO=4&transport=flashsocket", "EIO=4&transport=", "EIO=4", "EIO=4&transport=POLLING"})
    void unknownTransportIsRefusedWithCode0(String query) {
        assertError(400, TRANSPORT_UNKNOWN, polling.get(query));
    }

    @Test
    void unknownSidIsRefusedWithCode1() {
        assertError(400, SESSION_ID_UNKNOWN, polling.get(PollingClient.sessionQuery(UNKNOWN_SID)));
        assertError(400, SESSION_ID_UNKNOWN, polling.post(PollingClient.sessionQuery(UNKNOWN_SID), "6"));
    }

    @Test
    void postWithoutSidIsABadHandshakeMethod() {
        assertError(400, BAD_HANDSHAKE_METHOD, polling.post("EIO=4&transport=polling", "6"));
    }

    @Test
    void putWithoutSidIsABadHandshakeMethod() {
        assertError(400, BAD_HANDSHAKE_METHOD,
                polling.send("PUT", "EIO=4&transport=polling", HttpRequest.BodyPublishers.ofString("6")));
    }

    @Test
    void webSocketTransportAsPlainGetIsABadRequest() {
        assertError(400, BAD_REQUEST, polling.get("EIO=4&transport=websocket"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EIO=3&transport=polling", "transport=polling", "EIO=5&transport=polling", "EIO=four&transport=polling"})
    void otherProtocolVersionsAreUnsupported(String query) {
        assertError(400, UNSUPPORTED_PROTOCOL_VERSION, polling.get(query));
    }

    @Test
    void webSocketWithUnknownTransportIsClosedAsProtocolError() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=flashsocket")) {
            assertClosedWithoutAPacket(socket, CloseCodes.PROTOCOL_ERROR, TRANSPORT_UNKNOWN);
        }
    }

    @Test
    void webSocketWithUnknownSidIsClosedAsProtocolError() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket&sid=" + UNKNOWN_SID)) {
            assertClosedWithoutAPacket(socket, CloseCodes.PROTOCOL_ERROR, SESSION_ID_UNKNOWN);
        }
    }

    @Test
    void webSocketWithOldProtocolVersionIsClosedAsProtocolError() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=3&transport=websocket")) {
            assertClosedWithoutAPacket(socket, CloseCodes.PROTOCOL_ERROR, UNSUPPORTED_PROTOCOL_VERSION);
        }
    }

    @Test
    void webSocketWithoutProtocolVersionIsClosedAsProtocolError() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "transport=websocket")) {
            assertClosedWithoutAPacket(socket, CloseCodes.PROTOCOL_ERROR, UNSUPPORTED_PROTOCOL_VERSION);
        }
    }

    @Test
    void webSocketNamingPollingTransportIsClosedAsProtocolError() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=polling")) {
            assertClosedWithoutAPacket(socket, CloseCodes.PROTOCOL_ERROR, BAD_REQUEST);
        }
    }

    /** A refused WebSocket gets no session: the close, with the error as its reason, is the first thing it reads. */
    private static void assertClosedWithoutAPacket(FrameSocket socket, CloseCodes code, String json) throws IOException {
        assertEquals(new FrameSocket.Closed(code.getCode(), json), socket.expectClose(WAIT));
    }

    private static void assertError(int status, String json, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals(json, response.body());
        assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type")
                .map(type -> type.replace(" ", "").toLowerCase()));
    }
}
