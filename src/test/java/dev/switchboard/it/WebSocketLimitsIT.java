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
import java.time.Duration;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxPayload (100,000 bytes here) on WebSocket: a larger message closes the connection with 1009. */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class WebSocketLimitsIT {
    private static final int MAX_PAYLOAD = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration NEXT_PING = Duration.ofMillis(1500 + 1000);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    URI base;

    @BeforeEach
    void connect() {
        base = Deployments.loopback(deployed);
    }

    @Test
    void textFrameOfExactlyMaxPayloadIsAccepted() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            socket.nextText(WAIT);
            socket.expectText("2", NEXT_PING);

            // a pong padded to the limit: the next ping comes only if the server read it as the pong
            socket.sendText("3" + "x".repeat(MAX_PAYLOAD - 1));

            socket.expectText("2", NEXT_PING);
            assertTrue(socket.isOpen(WAIT));
        }
    }

    @Test
    void textFrameLargerThanMaxPayloadClosesWithMessageTooBig() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            String sid = HeartbeatIT.sidOf(socket.nextText(WAIT));

            socket.sendText("3" + "x".repeat(MAX_PAYLOAD));

            assertEquals(CloseCodes.TOO_BIG.getCode(), socket.awaitClose(WAIT).code());
            assertSessionEnds(sid);
        }
    }

    private void assertSessionEnds(String sid) {
        assertEquals(SESSION_ID_UNKNOWN, new PollingClient(base).awaitSessionUnknown(sid));
    }

    @Test
    void maxPayloadCountsBytesNotCharacters() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            socket.nextText(WAIT);

            // 50,001 characters, 100,001 bytes in UTF-8
            socket.sendText("3" + "é".repeat(MAX_PAYLOAD / 2));

            assertEquals(CloseCodes.TOO_BIG.getCode(), socket.awaitClose(WAIT).code());
        }
    }

    @Test
    void binaryFrameLargerThanMaxPayloadClosesWithMessageTooBig() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base)) {
            socket.nextText(WAIT);

            socket.sendBinary(new byte[MAX_PAYLOAD + 1]);

            assertEquals(CloseCodes.TOO_BIG.getCode(), socket.awaitClose(WAIT).code());
        }
    }
}
