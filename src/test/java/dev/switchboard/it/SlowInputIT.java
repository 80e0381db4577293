package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that trickles its bytes, or goes silent, holds a connection only as long as a configured timeout allows:
 * once a session is open, the Engine.IO heartbeat (pingInterval + pingTimeout, 1.5 s + 1 s in the tests) ends it,
 * counted in {@code switchboard_engine_ping_timeouts_total}, however far through a frame the client is. Before
 * the handshake request is complete, the connection is the container's (docs/operations.md, "Slow clients").
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class SlowInputIT {
    static final String PING_TIMEOUTS = "switchboard_engine_ping_timeouts_total";
    private static final int CLOSE = 0x8;
    /** pingInterval + pingTimeout, room for a loaded machine, and the container's linger after the WebSocket ends. */
    private static final long HEARTBEAT_MILLIS = 1500 + 1000 + 4000 + Deployments.TCP_LINGER_MILLIS;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void aFrameTrickledOneByteASecondIsReclaimedByTheHeartbeat() throws Exception {
        Api api = new Api(base());
        long before = Api.value(api.metrics(), PING_TIMEOUTS);
        byte[] payload = new byte[200];
        payload[0] = '4';
        byte[] frame = FrameSocket.frame(0x81, payload, true);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(0x1); // open
            long start = System.nanoTime();
            // a byte of the frame every second: the frame never completes, so the pong never comes
            trickle.scheduleAtFixedRate(() -> {
                try {
                    socket.sendRaw(new byte[]{frame[sent.get()]});
                    sent.incrementAndGet();
                } catch (IOException | RuntimeException closed) {
                    throw new IllegalStateException(closed); // ends the schedule
                }
            }, 0, 1, TimeUnit.SECONDS);
            // Open Liberty keeps the TCP connection while bytes keep coming (it reads them as the start of another
            // HTTP request, docs/deploying.md): there the server's close frame is the end to see
            boolean ended = Deployments.TCP_LINGER_MILLIS > 0 ? socket.next(CLOSE).opcode() == CLOSE : socket.awaitEndOfStream();
            assertTrue(ended, "the connection ended while the frame was still trickling in");
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < HEARTBEAT_MILLIS, "ended after " + took + " ms");
            assertTrue(sent.get() < frame.length, "the frame was never complete: " + sent.get() + " bytes sent");
        } finally {
            trickle.shutdownNow();
        }
        assertEquals(before + 1, Api.value(api.awaitMetrics(m -> Api.value(m, PING_TIMEOUTS) > before), PING_TIMEOUTS));
    }

    @Test
    void aClientThatGoesSilentAfterItsHandshakeIsReclaimedByTheHeartbeat() throws Exception {
        // what a half-open connection (a client gone without a FIN) looks like from the server: nothing comes back
        Api api = new Api(base());
        long before = Api.value(api.metrics(), PING_TIMEOUTS);
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(0x1);
            long start = System.nanoTime();
            assertTrue(socket.awaitEndOfStream(), "the connection ended");
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took > 1500 && took < HEARTBEAT_MILLIS, "after a ping went unanswered: " + took + " ms");
        }
        assertEquals(before + 1, Api.value(api.awaitMetrics(m -> Api.value(m, PING_TIMEOUTS) > before), PING_TIMEOUTS));
    }
}
