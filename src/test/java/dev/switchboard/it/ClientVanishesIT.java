package dev.switchboard.it;

import dev.switchboard.it.support.PollingClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that go away without a word (the TCP connection closed, or reset, with nothing said first) are an
 * everyday event: the session ends as a normal close, logged once on one line, with no SEVERE record and no
 * stack trace from Switchboard or the container.
 * <p>
 * A polling client's GET is held with no read pending, so nothing tells the server that its TCP connection went:
 * the heartbeat does (ping timeout), here within the short test heartbeat, as in the reference server. A WebSocket's
 * end is read at once: {@link WebSocketVanishesIT} shows it with heartbeats far longer than its wait.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class ClientVanishesIT {
    private static final Duration CLOSE_LOGGED = Duration.ofSeconds(10);

    /** How the connection ends: FIN after the last byte, or RST (SO_LINGER 0) as when a machine drops off. */
    enum Vanish { CLOSE, RESET }

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

    @ParameterizedTest
    @EnumSource(Vanish.class)
    void pollingClientThatVanishesMidPollIsClosedQuietly(Vanish how) throws Exception {
        ServerLog log = ServerLog.fromNow();
        String sid = polling.handshake().sid();

        try (Socket raw = openSocket(base)) {
            send(raw, "GET " + base.getPath() + "socket.io/?" + PollingClient.sessionQuery(sid) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + base.getPort() + "\r\n\r\n");
            // a round trip on another connection: by its answer the server has taken in the GET, which it holds
            assertEquals("ok", polling.postPackets(sid, "6").body());
            vanish(raw, how);
        }

        assertClosedQuietly(base, log, sid, "polling", "ping timeout");
    }

    /**
     * Opens a WebSocket session with raw bytes, reads its open packet (and, when {@code awaitPing}, the first ping,
     * to vanish mid-session), then drops the connection.
     *
     * @return the session's id
     */
    static String openWebSocketAndVanish(URI base, Vanish how, boolean awaitPing) throws IOException {
        try (Socket raw = openSocket(base)) {
            send(raw, "GET " + base.getPath() + "socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            DataInputStream in = new DataInputStream(raw.getInputStream());
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            String sid = HeartbeatIT.sidOf(readTextFrame(in));
            if (awaitPing) {
                assertEquals("2", readTextFrame(in));
            }
            vanish(raw, how);
            return sid;
        }
    }

    /**
     * The session's close is logged once, on one INFO line, with one of {@code reasons}, nothing SEVERE and no stack
     * trace; its sid is unknown afterwards.
     */
    static void assertClosedQuietly(URI base, ServerLog log, String sid, String transport, String... reasons)
            throws Exception {
        String closed = log.awaitRecord(record -> record.contains("Session " + sid + " closed"),
                "for the close of session " + sid, CLOSE_LOGGED);

        assertTrue(closed.contains("Session " + sid + " closed over " + transport + ": "), closed);
        assertTrue(java.util.Arrays.stream(reasons).anyMatch(reason -> closed.contains("closed over " + transport + ": " + reason + " (")),
                () -> "closed for another reason than " + java.util.Arrays.toString(reasons) + ": " + closed);
        assertTrue(closed.contains("[levelValue: 800]"), () -> "not INFO: " + closed);
        assertEquals(1, closed.strip().lines().count(), () -> "not one line: " + closed);
        assertEquals(1, log.records().stream().filter(record -> record.contains("Session " + sid + " closed")).count(),
                "closed once");
        log.assertNoSevereOrStackTrace();
        assertEquals(SESSION_ID_UNKNOWN, new PollingClient(base).awaitSessionUnknown(sid));
    }

    private static Socket openSocket(URI base) throws IOException {
        Socket socket = new Socket("127.0.0.1", base.getPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static void vanish(Socket socket, Vanish how) throws IOException {
        if (how == Vanish.RESET) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
    }

    /** The response head, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One unfragmented, unmasked text frame as a server sends it (RFC 6455 section 5.2). */
    private static String readTextFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        assertEquals(0x81, first, "FIN + text opcode");
        int length = in.readUnsignedByte() & 0x7f;
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[Math.toIntExact(size)];
        in.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
