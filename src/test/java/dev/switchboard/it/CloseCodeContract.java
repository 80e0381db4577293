package dev.switchboard.it;

import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.FrameSocket.Frame;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The close codes RFC 6455 requires, seen on the wire through the Engine.IO endpoint with hand-built frames: what
 * every WebSocket path must do, Switchboard's own ({@link CloseCodesIT}) and the container's
 * ({@link ContainerCloseCodesIT}). Where the two differ, each subclass pins its own behaviour, and the README's
 * conformance section says why.
 */
abstract class CloseCodeContract {
    static final int MAX_PAYLOAD = 100_000; // switchboard.maxPayload in pom.xml's test settings
    static final int PACKET_BURST = 200; // switchboard.packetBurst's default
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;

    /** The subclass's deployment (Arquillian injects the fields of superclasses too). */
    @ArquillianResource
    URL deployed;

    URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void reservedBitsWithoutAnExtensionAreClosedWith1002() throws Exception {
        assertClosedWith(1002, FrameSocket.frame(0xC1, "40".getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void anUnknownOpcodeIsClosedWith1002() throws Exception {
        assertClosedWith(1002, FrameSocket.frame(0x83, "40".getBytes(StandardCharsets.UTF_8), true));
    }

    @Test
    void aFragmentedControlFrameIsClosedWith1002() throws Exception {
        assertClosedWith(1002, FrameSocket.frame(0x09, new byte[0], true)); // a ping without FIN
    }

    @Test
    void textThatIsNotUtf8IsClosedWith1007() throws Exception {
        assertClosedWith(1007, FrameSocket.frame(0x81, new byte[]{'4', (byte) 0xFF, (byte) 0xFE}, true));
    }

    @Test
    void textWithAnUnpairedSurrogateIsClosedWith1007() throws Exception {
        // U+D800 in UTF-8 form (CESU): not valid UTF-8 (RFC 3629)
        assertClosedWith(1007, FrameSocket.frame(0x81, new byte[]{'4', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, true));
    }

    @Test
    void aMessageJustOverMaxPayloadIsClosedWith1009() throws Exception {
        byte[] justOver = new byte[MAX_PAYLOAD + 1];
        java.util.Arrays.fill(justOver, (byte) 'a');
        justOver[0] = '4';
        assertClosedWith(1009, FrameSocket.frame(0x81, justOver, true));
        byte[] binary = new byte[MAX_PAYLOAD + 1];
        assertClosedWith(1009, FrameSocket.frame(0x82, binary, true));
    }

    @Test
    void aClientOverItsPacketBurstIsClosedWith1008() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(TEXT);
            byte[] pong = FrameSocket.frame(0x81, "3".getBytes(StandardCharsets.UTF_8), true);
            byte[] burst = new byte[pong.length * (PACKET_BURST + 50)];
            for (int i = 0; i < PACKET_BURST + 50; i++) {
                System.arraycopy(pong, 0, burst, i * pong.length, pong.length);
            }
            socket.sendRaw(burst);
            Frame close = socket.next(CLOSE);
            assertEquals(1008, close.closeCode(), "policy: more packets than packetBurst at once; " + close.closeReason());
            assertConnectionEndsUnanswered(socket);
        }
    }

    @Test
    void anUnknownSidGetsItsEngineIoErrorInTheCloseReason() throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base(), "EIO=4&transport=websocket&sid=nosuchsession", Map.of())) {
            assertEquals(101, socket.response.status());
            Frame close = socket.next(CLOSE);
            assertEquals(1002, close.closeCode());
            assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", close.closeReason());
        }
    }

    /**
     * Opens a session, sends the bytes, and expects a close frame with this code; the client never answers it,
     * and the server still ends the connection by itself.
     */
    void assertClosedWith(int code, byte[] bytes) throws Exception {
        try (FrameSocket socket = FrameSocket.connect(base())) {
            socket.next(TEXT);
            socket.sendRaw(bytes);
            Frame close = socket.next(CLOSE);
            assertEquals(code, close.closeCode(), close.closeReason());
            assertConnectionEndsUnanswered(socket);
        }
    }

    /**
     * After the server's close frame, which the client does not answer: the server ends the TCP connection by
     * itself (within the read timeout). A subclass whose WebSocket waits longer for the answer says so.
     */
    void assertConnectionEndsUnanswered(FrameSocket socket) throws IOException {
        assertTrue(socket.awaitEndOfStream(), "the server ended the connection without the client's close");
    }
}
