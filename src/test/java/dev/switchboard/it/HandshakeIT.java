package dev.switchboard.it;

import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.FrameSocket;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening a session: the open packet on both transports, and which browser origins may open one. */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class HandshakeIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String SID = "[A-Za-z0-9_-]{20}";
    private static final String OPEN_OVER_POLLING =
            "0\\{\"sid\":\"" + SID + "\",\"upgrades\":\\[\"websocket\"],\"pingInterval\":1500,\"pingTimeout\":1000,\"maxPayload\":100000}";
    private static final String OPEN_OVER_WEBSOCKET =
            "0\\{\"sid\":\"" + SID + "\",\"upgrades\":\\[],\"pingInterval\":1500,\"pingTimeout\":1000,\"maxPayload\":100000}";

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

    @Test
    void pollingHandshakeAnswersOpenPacketWithSidUpgradesAndTimings() {
        HttpResponse<String> response = polling.get("EIO=4&transport=polling");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches(OPEN_OVER_POLLING), response.body());
        assertEquals(Optional.of("text/plain;charset=utf-8"),
                response.headers().firstValue("Content-Type").map(type -> type.replace(" ", "").toLowerCase()));
    }

    @Test
    void everyHandshakeOpensASessionWithItsOwnSid() {
        assertNotEquals(polling.handshake().sid(), polling.handshake().sid());
    }

    @Test
    void directWebSocketHandshakeSendsOpenPacketWithoutUpgradesAsFirstFrame() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket")) {
            String open = socket.nextText(WAIT);

            assertTrue(open.matches(OPEN_OVER_WEBSOCKET), open);
        }
    }

    @Test
    void webSocketWithoutOriginOpensASession() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket", FrameSocket.NO_ORIGIN)) {
            assertTrue(socket.nextText(WAIT).matches(OPEN_OVER_WEBSOCKET));
        }
    }

    @Test
    void webSocketFromAllowedOriginOpensASession() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket", Map.of("Origin", "http://allowed.example"))) {
            assertTrue(socket.nextText(WAIT).matches(OPEN_OVER_WEBSOCKET));
        }
    }

    @Test
    void webSocketFromForeignOriginIsRefusedBeforeTheUpgrade() throws Exception {
        try (FrameSocket refused = FrameSocket.connect(base, "EIO=4&transport=websocket", Map.of("Origin", "http://evil.example"))) {
            assertEquals(403, refused.response.status(), "cross-site WebSocket hijacking is refused with HTTP 403");
        }
    }

    @Test
    void handshakeFromAllowedOriginGetsCredentialedCorsHeaders() {
        HttpResponse<String> response = polling.get("EIO=4&transport=polling", "Origin", "http://allowed.example");

        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches(OPEN_OVER_POLLING), response.body());
        assertCorsAllows("http://allowed.example", response);
    }

    @Test
    void handshakeFromThePagesOwnOriginGetsCredentialedCorsHeaders() {
        String ownOrigin = "http://127.0.0.1:" + base.getPort();

        HttpResponse<String> response = polling.get("EIO=4&transport=polling", "Origin", ownOrigin);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().matches(OPEN_OVER_POLLING), response.body());
        assertCorsAllows(ownOrigin, response);
    }

    @Test
    void handshakeFromForeignOriginIsForbiddenWithoutCorsHeaders() {
        HttpResponse<String> response = polling.get("EIO=4&transport=polling", "Origin", "http://evil.example");

        assertEquals(403, response.statusCode());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", response.body());
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Credentials"));
    }

    @Test
    void preflightFromAllowedOriginGetsCorsHeaders() {
        HttpResponse<String> response = polling.send("OPTIONS", "EIO=4&transport=polling", HttpRequest.BodyPublishers.noBody(),
                "Origin", "http://allowed.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");

        assertTrue(response.statusCode() == 200 || response.statusCode() == 204, () -> "status " + response.statusCode());
        assertCorsAllows("http://allowed.example", response);
        String methods = response.headers().firstValue("Access-Control-Allow-Methods").orElse("");
        assertTrue(methods.contains("GET") && methods.contains("POST"), methods);
        assertEquals(Optional.of("content-type"), response.headers().firstValue("Access-Control-Allow-Headers"));
    }

    @Test
    void preflightFromForeignOriginGetsNoCorsHeaders() {
        HttpResponse<String> response = polling.send("OPTIONS", "EIO=4&transport=polling", HttpRequest.BodyPublishers.noBody(),
                "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST");

        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Methods"));
    }

    private static void assertCorsAllows(String origin, HttpResponse<String> response) {
        assertEquals(Optional.of(origin), response.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), response.headers().firstValue("Access-Control-Allow-Credentials"));
    }
}
