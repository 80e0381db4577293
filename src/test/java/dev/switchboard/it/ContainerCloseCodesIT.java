package dev.switchboard.it;

import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CloseCodeContract} on the container's Jakarta WebSocket ({@code websocket=container}: Tyrus on Payara),
 * and what that path does differently, pinned so that the README's conformance table stays true: Tyrus reads a
 * frame whole before anyone sees it, so a length header alone is not refused (the heartbeat reclaims the
 * connection), and it takes unmasked client frames. Neither is within Switchboard's reach.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@LogFile("payara-micro-container-websocket.log")
@RunAsClient
class ContainerCloseCodesIT extends CloseCodeContract {
    /** pingInterval + pingTimeout in the tests' settings, and room for a loaded machine. */
    private static final long HEARTBEAT_MILLIS = 1500 + 1000 + 5000;

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-container-websocket")
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aLengthHeaderOverMaxPayloadWithoutItsBodyIsReclaimedByTheHeartbeat() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(TEXT);
            socket.sendRaw(new byte[]{(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0x0F, 0x42, 0x41, 1, 2, 3, 4});
            long start = System.nanoTime();
            assertTrue(socket.awaitEndOfStream(), "the connection ends");
            long took = (System.nanoTime() - start) / 1_000_000;
            assertTrue(took < HEARTBEAT_MILLIS, "ended after " + took + " ms, within the heartbeat's bound");
        }
    }

    @Test
    void tyrusTakesAnUnmaskedClientFrame() throws Exception {
        // RFC 6455 5.1 says close with 1002; Tyrus handles the frame (here a Socket.IO CONNECT, answered)
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(TEXT);
            socket.sendRaw(FrameSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), false));
            String connected = socket.next(TEXT).text();
            assertTrue(connected.startsWith("40{\"sid\":"), connected);
        }
    }
}
