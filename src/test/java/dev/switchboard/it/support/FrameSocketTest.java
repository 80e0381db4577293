package dev.switchboard.it.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FrameSocket's message level against a scripted server on loopback: what a WebSocket library would do unseen
 * (join fragments, answer pings, echo the close) it must do, or the tests built on it assert less than they say.
 */
class FrameSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private ServerSocket listener;
    private URI base;
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        base = URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
        CompletableFuture.runAsync(this::upgradeOne);
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
        Socket server = accepted.isCompletedExceptionally() ? null : accepted.getNow(null);
        if (server != null) {
            server.close();
        }
    }

    /** Reads the upgrade request and answers 101 with the key's accept, as a server does. */
    private void upgradeOne() {
        try {
            Socket server = listener.accept();
            String request = readRequest(server);
            String key = request.lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                    .substring("Sec-WebSocket-Key: ".length());
            server.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + OpeningHandshake.accept(key) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            accepted.complete(server);
        } catch (Exception failed) {
            accepted.completeExceptionally(failed);
        }
    }

    @Test
    void continuationFramesAreJoinedIntoOneMessageAndPingsBetweenThemAnswered() throws Exception {
        try (FrameSocket client = FrameSocket.open(base)) {
            Socket server = server();
            write(server, 0x01, "4"); // text, no FIN
            write(server, 0x89, "ping?");
            write(server, 0x80, "2"); // the last continuation

            assertEquals("42", client.nextText(WAIT));
            Unmasked pong = read(server);
            assertEquals(0x8A, pong.firstByte());
            assertEquals("ping?", pong.text());
        }
    }

    @Test
    void theServersCloseIsEchoedWithItsCodeAndReturnedWithItsReason() throws Exception {
        try (FrameSocket client = FrameSocket.open(base)) {
            Socket server = server();
            write(server, 0x81, "1");
            server.getOutputStream().write(new byte[] {(byte) 0x88, 5, 0x03, (byte) 0xE9, 'b', 'y', 'e'});

            assertEquals(new FrameSocket.Closed(1001, "bye"), client.awaitClose(WAIT));
            Unmasked echo = read(server);
            assertEquals(0x88, echo.firstByte());
            assertArrayEquals(new byte[] {0x03, (byte) 0xE9}, echo.payload());
            assertFalse(client.isOpen(WAIT));
        }
    }

    @Test
    void aMessageBeforeTheCloseFailsExpectClose() throws Exception {
        try (FrameSocket client = FrameSocket.open(base)) {
            Socket server = server();
            write(server, 0x81, "0{\"sid\":\"x\"}");
            server.getOutputStream().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});

            assertThrows(AssertionError.class, () -> client.expectClose(WAIT));
        }
    }

    @Test
    void aConnectionEndedWithoutACloseFrameClosesWith1006() throws Exception {
        try (FrameSocket client = FrameSocket.open(base)) {
            server().close();

            assertEquals(1006, client.awaitClose(WAIT).code());
        }
    }

    @Test
    void isOpenWhenThePingComesBackAsItsPongAndKeepsWhatCameFirst() throws Exception {
        try (FrameSocket client = FrameSocket.open(base)) {
            Socket server = server();
            CompletableFuture<Boolean> open = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.isOpen(WAIT);
                } catch (IOException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            Unmasked ping = read(server);
            assertEquals(0x89, ping.firstByte());
            write(server, 0x81, "2");
            server.getOutputStream().write(0x8A);
            server.getOutputStream().write(ping.payload().length);
            server.getOutputStream().write(ping.payload());

            assertTrue(open.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("2", client.nextText(WAIT));
        }
    }

    @Test
    void theClientsOwnOriginIsSentUnlessToldOtherwise() throws Exception {
        String request = new String(OpeningHandshake.request(base, "EIO=4", "k", Map.of()), StandardCharsets.ISO_8859_1);
        String none = new String(OpeningHandshake.request(base, "EIO=4", "k", FrameSocket.NO_ORIGIN), StandardCharsets.ISO_8859_1);
        String other = new String(OpeningHandshake.request(base, "EIO=4", "k", Map.of("origin", "http://a.example")),
                StandardCharsets.ISO_8859_1);

        assertTrue(request.contains("\r\nOrigin: http://127.0.0.1:" + base.getPort() + "\r\n"), request);
        assertFalse(none.toLowerCase().contains("origin"), none);
        assertTrue(other.contains("\r\norigin: http://a.example\r\n") && !other.contains("Origin:"), other);
    }

    private Socket server() throws Exception {
        return accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** An unmasked (server) frame with a short payload. */
    private static void write(Socket server, int firstByte, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        OutputStream out = server.getOutputStream();
        out.write(firstByte);
        out.write(bytes.length);
        out.write(bytes);
        out.flush();
    }

    private record Unmasked(int firstByte, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** A client's frame with a short payload, its mask removed; fails unless it was masked (RFC 6455 section 5.3). */
    private static Unmasked read(Socket server) throws IOException {
        server.setSoTimeout((int) WAIT.toMillis());
        DataInputStream in = new DataInputStream(server.getInputStream());
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertEquals(0x80, second & 0x80, "a client's frame is masked");
        byte[] mask = in.readNBytes(4);
        byte[] payload = in.readNBytes(second & 0x7F);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new Unmasked(first, payload);
    }

    private static String readRequest(Socket server) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = server.getInputStream().read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            request.write(b);
        }
        return request.toString(StandardCharsets.ISO_8859_1);
    }
}
