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

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upgrading a polling session to WebSocket (same sid): probe {@code 2probe} → {@code 3probe}, the waiting GET
 * released with a noop, {@code 5} completes it; and closing a session from the client over WebSocket.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class UpgradeIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long UPGRADE_TIMEOUT = 2000;
    private static final Duration NEXT_PING = Duration.ofMillis(1500 + 1000);
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

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
    void probeIsAnsweredAndWaitingGetReleasedThenUpgradeMovesPingsToWebSocket() throws Exception {
        String sid = polling.handshake().sid();
        CompletableFuture<HttpResponse<String>> waiting = polling.pollAsync(sid);

        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket&sid=" + sid)) {
            socket.sendText("2probe");
            socket.expectText("3probe", WAIT);

            HttpResponse<String> released = waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(200, released.statusCode());
            assertEquals("6", released.body());

            socket.sendText("5");
            for (int ping = 1; ping <= 2; ping++) {
                socket.expectText("2", NEXT_PING);
                socket.sendText("3");
            }
            assertTrue(socket.isOpen(WAIT));
        }
    }

    @Test
    void pollingWithTheSidOfAnUpgradedSessionIsABadRequest() throws Exception {
        String sid = polling.handshake().sid();
        try (FrameSocket socket = upgrade(sid)) {
            HttpResponse<String> get = pollOnceUpgraded(sid);
            HttpResponse<String> post = polling.postPackets(sid, "6");

            assertEquals(400, get.statusCode());
            assertEquals(BAD_REQUEST, get.body());
            assertEquals(400, post.statusCode());
            assertEquals(BAD_REQUEST, post.body());
            socket.expectText("2", NEXT_PING);
            assertTrue(socket.isOpen(WAIT));
        }
    }

    @Test
    void secondWebSocketForAnUpgradedSessionIsRefusedAndTheFirstLivesOn() throws Exception {
        String sid = polling.handshake().sid();
        try (FrameSocket socket = upgrade(sid);
             FrameSocket second = FrameSocket.open(base, "EIO=4&transport=websocket&sid=" + sid)) {
            assertEquals(new FrameSocket.Closed(CloseCodes.PROTOCOL_ERROR.getCode(), BAD_REQUEST), second.expectClose(WAIT));

            socket.expectText("2", NEXT_PING);
            socket.sendText("3");
            assertTrue(socket.isOpen(WAIT));
        }
    }

    @Test
    void upgradeNotCompletedWithinUpgradeTimeoutIsAbandonedAndPollingGoesOn() throws Exception {
        String sid = polling.handshake().sid();
        CompletableFuture<HttpResponse<String>> waiting = polling.pollAsync(sid);
        long opened = System.nanoTime();

        try (FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket&sid=" + sid)) {
            socket.sendText("2probe");
            socket.expectText("3probe", WAIT);
            assertEquals("6", waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).body());

            // no "5": the server gives up on the probe after upgradeTimeout
            socket.awaitClose(Duration.ofMillis(UPGRADE_TIMEOUT + 2000));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
            assertTrue(waited >= UPGRADE_TIMEOUT, () -> "probe closed after " + waited + " ms");
        }

        // the first ping (due at 1.5 s) waited for the next GET; it is answered within its pingTimeout (2.5 s)
        assertEquals("2", polling.poll(sid).body());
        assertEquals("ok", polling.postPackets(sid, "3").body());
        assertEquals("2", polling.poll(sid).body());
        assertEquals("ok", polling.postPackets(sid, "3").body());
    }

    @Test
    void closePacketOverWebSocketEndsTheSession() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            String sid = HeartbeatIT.sidOf(socket.nextText(WAIT));

            socket.sendText("1");

            socket.awaitClose(WAIT);
            assertEquals(SESSION_ID_UNKNOWN, polling.awaitSessionUnknown(sid));
        }
    }

    @Test
    void closePacketOverUpgradedWebSocketEndsTheSession() throws Exception {
        String sid = polling.handshake().sid();
        try (FrameSocket socket = upgrade(sid)) {
            socket.sendText("1");

            socket.awaitClose(WAIT);
            assertEquals(SESSION_ID_UNKNOWN, polling.awaitSessionUnknown(sid));
        }
    }

    /**
     * Polls {@code sid} until the server has taken the client's {@code 5}: it travels on the WebSocket while the GET
     * travels on HTTP, and until it is read the session is still upgrading, so a GET is answered with a noop (the
     * one a paused poll gets, or the one the completed upgrade gives a waiting poll). Returns the first other answer.
     */
    private HttpResponse<String> pollOnceUpgraded(String sid) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> get;
        do {
            get = polling.poll(sid);
        } while (get.statusCode() == 200 && "6".equals(get.body()) && System.nanoTime() < deadline);
        return get;
    }

    /** Upgrades the polling session {@code sid} (no GET waiting) and returns the WebSocket it now uses. */
    private FrameSocket upgrade(String sid) throws Exception {
        FrameSocket socket = FrameSocket.open(base, "EIO=4&transport=websocket&sid=" + sid);
        socket.sendText("2probe");
        socket.expectText("3probe", WAIT);
        socket.sendText("5");
        return socket;
    }
}
