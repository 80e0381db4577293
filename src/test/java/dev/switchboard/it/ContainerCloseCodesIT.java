package dev.switchboard.it;

import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CloseCodeContract} on the container's Jakarta WebSocket ({@code websocket=container}: Tyrus on Payara,
 * Liberty's own in the Liberty build), and what that path does differently, pinned so that the README's
 * conformance table stays true: both read a frame whole before anyone sees it, so a length header alone is not
 * refused (the heartbeat reclaims the connection), and neither refuses an unmasked client frame at once. Neither is
 * within Switchboard's reach.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@OwnServer(ContainerWebSocketIT.SERVER)
@RunAsClient
class ContainerCloseCodesIT extends CloseCodeContract {
    /** The container's WebSocket is Open Liberty's in the Liberty build (its Arquillian group), else Tyrus (Payara). */
    private static final boolean LIBERTY = "openliberty".equals(System.getProperty("arquillian.launch"));
    /** pingInterval + pingTimeout in the tests' settings, and room for a loaded machine. */
    private static final long HEARTBEAT_MILLIS = 1500 + 1000 + 5000;

    @Deployment(testable = false)
    @TargetsContainer(ContainerWebSocketIT.SERVER)
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

    /**
     * Open Liberty's own WebSocket waits 30 s for the client to answer a close it sent for the application (1007,
     * 1008), then ends it; after a protocol error (1002, 1009) it ends the connection at once. Here the client
     * answers where it still can, and the connection ends at once.
     */
    @Override
    void assertConnectionEndsUnanswered(FrameSocket socket) throws IOException {
        if (LIBERTY) {
            try {
                socket.sendRaw(FrameSocket.frame(0x88, new byte[0], true));
            } catch (IOException alreadyEnded) {
                // a protocol error (1002, 1009): Liberty ended the connection with its close, nothing to answer
            }
        }
        super.assertConnectionEndsUnanswered(socket);
    }

    /**
     * RFC 6455 5.1 says close with 1002; neither container does at once. Tyrus handles the frame (here a Socket.IO
     * CONNECT, answered). Open Liberty reads a mask key it does not have: nothing happens until more bytes come,
     * and then it closes with 1002.
     */
    @Test
    void anUnmaskedClientFrameIsNotRefusedAtOnce() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(TEXT);
            socket.sendRaw(FrameSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), false));
            if (!LIBERTY) {
                String connected = socket.next(TEXT).text();
                assertTrue(connected.startsWith("40{\"sid\":"), connected);
                return;
            }
            socket.sendRaw(FrameSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), true));
            FrameSocket.Frame close = socket.next(CLOSE);
            assertEquals(1002, close.closeCode(), close.closeReason());
        }
    }
}
