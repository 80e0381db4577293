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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EIO4 heartbeat: the server pings every pingInterval (1500 ms here) and closes a session whose pong does not
 * arrive within pingTimeout (1000 ms); a client that answers stays connected as long as it likes.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class HeartbeatIT {
    private static final long PING_TIMEOUT = 1000;
    /** A ping is due pingInterval after the last pong; allow for scheduling on a busy machine. */
    private static final Duration NEXT_PING = Duration.ofMillis(1500 + 1000);
    private static final Duration CLOSE = Duration.ofMillis(PING_TIMEOUT + 1500);

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
    void closesPollingSessionWhenPongMissesPingTimeout() {
        String sid = polling.handshake().sid();
        assertEquals("2", polling.poll(sid).body());
        long pinged = System.nanoTime();

        HttpResponse<String> next = polling.poll(sid);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pinged);

        assertEquals(200, next.statusCode());
        assertEquals("1", next.body());
        // the timeout started when the ping was sent, a moment before it arrived here
        assertTrue(waited > PING_TIMEOUT - 300 && waited < CLOSE.toMillis(), () -> "closed " + waited + " ms after the ping");
        assertEquals(SESSION_ID_UNKNOWN, polling.awaitSessionUnknown(sid));
    }

    @Test
    void pongsKeepPollingSessionOpenAcrossSeveralPingIntervals() {
        String sid = polling.handshake().sid();

        for (int ping = 1; ping <= 4; ping++) {
            HttpResponse<String> poll = polling.poll(sid);
            assertEquals("2", poll.body(), "ping " + ping);
            assertEquals("ok", polling.postPackets(sid, "3").body(), "pong " + ping);
        }

        // four intervals (6 s) are six ping timeouts: the session is alive only because every pong counted
        assertEquals("ok", polling.postPackets(sid, "6").body());
    }

    @Test
    void closesWebSocketWhenPongMissesPingTimeout() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            String sid = sidOf(socket.nextText(NEXT_PING));
            socket.expectText("2", NEXT_PING);
            long pinged = System.nanoTime();

            socket.awaitClose(CLOSE);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pinged);

            assertTrue(waited > PING_TIMEOUT - 300, () -> "closed " + waited + " ms after the ping");
            assertEquals(SESSION_ID_UNKNOWN, polling.awaitSessionUnknown(sid));
        }
    }

    @Test
    void pongsKeepWebSocketOpenPastTheHeartbeatDeadline() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            String sid = sidOf(socket.nextText(NEXT_PING));

            // six intervals (9 s) outlast the heartbeat deadline (2.5 s) several times; no other timeout applies
            for (int ping = 1; ping <= 6; ping++) {
                socket.expectText("2", NEXT_PING);
                socket.sendText("3");
            }

            assertTrue(socket.isOpen(NEXT_PING));
            // still a WebSocket session: polling with its sid is the wrong transport, not an unknown session
            HttpResponse<String> poll = polling.poll(sid);
            assertEquals(400, poll.statusCode());
            assertEquals("{\"code\":3,\"message\":\"Bad request\"}", poll.body());
        }
    }

    static String sidOf(String openPacket) {
        assertTrue(openPacket.startsWith("0{\"sid\":\""), openPacket);
        return openPacket.substring("0{\"sid\":\"".length(), openPacket.indexOf('"', "0{\"sid\":\"".length()));
    }
}
