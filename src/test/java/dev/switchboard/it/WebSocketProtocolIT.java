package dev.switchboard.it;

import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.FrameSocket.Frame;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 6455 on the wire, as Switchboard's own WebSocket (the default, {@code websocket=servlet}) speaks it on every
 * container: the opening handshake, control frames, fragmentation, the closing handshake. The close code for each
 * kind of bad input is {@link CloseCodeContract}'s.
 * The client writes raw bytes ({@link FrameSocket}), so the server's answers are seen exactly as sent.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class WebSocketProtocolIT {
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PONG = 0xA;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    URI base;

    @BeforeEach
    void locate() {
        base = Deployments.loopback(deployed);
    }

    @Test
    void handshakeAnswersWithTheAcceptKeyAndNegotiatesNoExtension() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base, "EIO=4&transport=websocket",
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertEquals(101, socket.response.status());
            assertEquals("websocket", socket.response.headers().get("upgrade").toLowerCase());
            assertEquals(socket.expectedAccept(), socket.response.headers().get("sec-websocket-accept"));
            assertNull(socket.response.headers().get("sec-websocket-extensions"));
            Frame open = socket.next();
            assertEquals(TEXT, open.opcode());
            assertTrue(open.fin());
            assertTrue(open.text().startsWith("0{\"sid\":"), open.text());
        }
    }

    @Test
    void anUnsupportedVersionGets426NamingVersion13() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base, "EIO=4&transport=websocket", Map.of("Sec-WebSocket-Version", "8"))) {
            assertEquals(426, socket.response.status());
            assertEquals("13", socket.response.headers().get("sec-websocket-version"));
        }
    }

    @Test
    void aHandshakeWithoutAValidKeyGets400() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base, "EIO=4&transport=websocket", Map.of("Sec-WebSocket-Key", "c2hvcnQ="))) {
            assertEquals(400, socket.response.status());
        }
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base)) {
            socket.next(TEXT); // open
            socket.send(0x89, "are you there".getBytes(StandardCharsets.UTF_8), true);
            assertEquals("are you there", socket.next(PONG).text());
        }
    }

    @Test
    void aFragmentedMessageIsOnePacket() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base)) {
            socket.next(TEXT);
            // Socket.IO CONNECT to "/" in two fragments, a ping between them
            socket.send(0x01, "4".getBytes(StandardCharsets.UTF_8), true);
            socket.send(0x89, new byte[0], true);
            socket.send(0x80, "0".getBytes(StandardCharsets.UTF_8), true);
            assertEquals(PONG, socket.next().opcode());
            assertTrue(socket.next(TEXT).text().startsWith("40{\"sid\":"));
        }
    }

    @Test
    void theClientsCloseIsEchoedAndTheConnectionEnds() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base)) {
            socket.next(TEXT);
            socket.send(0x88, new byte[]{0x03, (byte) 0xE9, 'b', 'y', 'e'}, true); // 1001 "bye"
            Frame close = socket.next(CLOSE);
            assertEquals(1001, close.closeCode());
            assertTrue(socket.awaitEndOfStream());
        }
    }

    @Test
    void theSessionEndsWithTheConnection() throws Exception {
        String sid;
        try (FrameSocket socket = FrameSocket.connect(base)) {
            String open = socket.next(TEXT).text();
            sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf('"', open.indexOf("\"sid\":\"") + 7));
            socket.sendRaw(FrameSocket.frame(0x81, "40".getBytes(StandardCharsets.UTF_8), false));
            assertEquals(1002, socket.next(CLOSE).closeCode());
        }
        // The session hears of the failure before the close frame leaves, so by the time the client has it, the
        // sid is unknown to every request, as in the reference server: at once, not after the session has finished
        // closing on its own thread.
        try (FrameSocket upgrade = FrameSocket.connect(base, "EIO=4&transport=websocket&sid=" + sid, Map.of())) {
            Frame refused = upgrade.next(CLOSE);
            assertEquals(1002, refused.closeCode());
            assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", refused.closeReason());
        }
        HttpResponse<String> poll = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("socket.io/?EIO=4&transport=polling&sid=" + sid)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, poll.statusCode());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", poll.body());
    }
}
