package dev.switchboard.it.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The one raw WebSocket client: bytes on a TCP socket, so tests can assert on RFC 6455 itself. Independent of the
 * server's own frame code on purpose.
 * <p>
 * Frame by frame ({@link #next()}, {@link #send}), it writes whatever frames a test makes, well formed or not, and
 * answers nothing by itself. Message by message ({@link #nextMessage}, {@link #awaitClose}, …) it is a correct
 * client ({@link IncomingMessages}): it joins continuation frames, answers pings and echoes the server's close.
 * {@link #close()} drops the TCP connection; {@link #closeNormally} is the clean client close.
 */
public final class FrameSocket implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Pass as the extra headers to send no Origin, as a native (non-browser) client does. */
    public static final Map<String, String> NO_ORIGIN = Collections.singletonMap("Origin", null);

    /** A frame from the server. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A close frame's code, or -1 when it has none. */
        public int closeCode() {
            return payload.length < 2 ? -1 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    /** The handshake's answer: status line's code and headers (names in lower case). */
    public record Response(int status, Map<String, String> headers) {
    }

    /** A whole message from the server: its fragments joined, {@code opcode} the first frame's (0x1 text, 0x2 binary). */
    public record Message(int opcode, byte[] payload) {
        /** The text, which RFC 6455 section 8.1 requires to be valid UTF-8. */
        public String text() {
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
            } catch (CharacterCodingException notUtf8) {
                throw new AssertionError("a text message that is not UTF-8 (RFC 6455 section 8.1)", notUtf8);
            }
        }

        @Override
        public String toString() {
            return opcode == 0x1 ? "text \"" + new String(payload, StandardCharsets.UTF_8) + "\""
                    : "opcode " + opcode + " message of " + payload.length + " bytes";
        }
    }

    /**
     * How the connection closed: the server's close frame's code and reason, 1005 when it had no code, 1006 when
     * the connection ended without one (RFC 6455 section 7.1.5).
     */
    public record Closed(int code, String reason) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    public final Response response;
    public final String key;
    private final IncomingMessages messages = new IncomingMessages(this);

    private FrameSocket(Socket socket, Response response, String key) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.response = response;
        this.key = key;
    }

    /**
     * Sends a version 13 handshake to {@code base}socket.io/?{@code query} with the page's own Origin
     * (http://127.0.0.1:port), plus {@code extraHeaders}, which replace those (a null value, as in
     * {@link #NO_ORIGIN}, leaves a header out). Whatever the server answers is in {@link #response}.
     */
    public static FrameSocket connect(URI base, String query, Map<String, String> extraHeaders) throws IOException {
        return connect(base, query, extraHeaders, 0);
    }

    /**
     * As {@link #connect(URI, String, Map)}, with the socket's receive buffer set to {@code receiveBuffer} bytes
     * (0: the system's): a small one makes a client that stops reading push back on the server at once.
     */
    public static FrameSocket connect(URI base, String query, Map<String, String> extraHeaders, int receiveBuffer)
            throws IOException {
        String key = OpeningHandshake.newKey();
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the window TCP announces
        }
        socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()));
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.getOutputStream().write(OpeningHandshake.request(base, query, key, extraHeaders));
        return new FrameSocket(socket, OpeningHandshake.readResponse(socket.getInputStream()), key);
    }

    public static FrameSocket connect(URI base) throws IOException {
        return connect(base, "EIO=4&transport=websocket", Map.of());
    }

    /** As {@link #connect(URI, String, Map)}, failing unless the server upgraded with the right accept key. */
    public static FrameSocket open(URI base, String query, Map<String, String> extraHeaders) throws IOException {
        FrameSocket socket = connect(base, query, extraHeaders);
        if (socket.response.status() != 101) {
            socket.close();
            fail("the WebSocket handshake was answered " + socket.response.status() + " " + socket.response.headers());
        }
        assertEquals(OpeningHandshake.accept(socket.key), socket.response.headers().get("sec-websocket-accept"), "accept key");
        return socket;
    }

    public static FrameSocket open(URI base, String query) throws IOException {
        return open(base, query, Map.of());
    }

    /** A direct WebSocket session; its first message is the open packet. */
    public static FrameSocket open(URI base) throws IOException {
        return open(base, "EIO=4&transport=websocket");
    }

    /** The accept key RFC 6455 section 4.2.2 requires for {@link #key}. */
    public String expectedAccept() throws Exception {
        return OpeningHandshake.accept(key);
    }

    public void sendText(String text) throws IOException {
        send(0x81, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** One frame: {@code firstByte} is FIN, RSV and opcode as they go on the wire; masked unless told not to. */
    public void send(int firstByte, byte[] payload, boolean masked) throws IOException {
        out.write(frame(firstByte, payload, masked));
        out.flush();
    }

    /** Raw bytes, for a header without its payload and the like. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        byte[] mask = null;
        if (masked) {
            mask = new byte[4];
            RANDOM.nextBytes(mask);
        }
        return frame(firstByte, payload, mask);
    }

    /** One frame masked with {@code mask} (four bytes), or unmasked when it is null: a frame a test can repeat. */
    public static byte[] frame(int firstByte, byte[] payload, byte[] mask) {
        boolean masked = mask != null;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) payload.length >>> (8 * i)));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    /** The server's next frame; fails on a timeout or if the server closed the connection. */
    public Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) != 0) {
            throw new IOException("a server frame must not be masked (RFC 6455 section 5.1)");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** The next frame of this opcode, skipping others (Engine.IO pings, say). */
    public Frame next(int opcode) throws IOException {
        for (;;) {
            Frame frame = next();
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
    }

    /** Whether the server closed the TCP connection within the read timeout (reading and dropping what comes). */
    public boolean awaitEndOfStream() throws IOException {
        try {
            while (in.read() >= 0) {
                // drop
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    public void sendBinary(byte[] data) throws IOException {
        send(0x82, data, true);
    }

    /** The next whole message, answering pings on the way; fails on the close, or if none comes {@code within}. */
    public Message nextMessage(Duration within) throws IOException {
        return messages.next(deadline(within), within);
    }

    /** The next message, which must be text. */
    public String nextText(Duration within) throws IOException {
        return text(nextMessage(within));
    }

    public void expectText(String expected, Duration within) throws IOException {
        assertEquals(expected, nextText(within));
    }

    /** The next message must be binary, with exactly these bytes. */
    public void expectBinary(byte[] expected, Duration within) throws IOException {
        Message message = nextMessage(within);
        assertEquals(0x2, message.opcode(), () -> "expected a binary message, got " + message);
        assertArrayEquals(expected, message.payload());
    }

    /**
     * The next text message {@code wanted}, within {@code within} in all, skipping others. Engine.IO pings
     * ({@code 2}) are answered ({@code 3}) on the way, so the heartbeat neither ends the session while a test waits
     * nor keeps it waiting for a message that never comes.
     */
    public String awaitTextAnsweringHeartbeat(Predicate<String> wanted, Duration within) throws IOException {
        long deadline = deadline(within);
        for (;;) {
            String text = text(messages.next(deadline, within));
            if (text.equals("2")) {
                sendText("3");
            } else if (wanted.test(text)) {
                return text;
            }
        }
    }

    /** Reads up to the server's close, skipping the messages before it, and answers it. */
    public Closed awaitClose(Duration within) throws IOException {
        return messages.awaitClose(deadline(within), within);
    }

    /** The server's close, which must come before any message, answered. */
    public Closed expectClose(Duration within) throws IOException {
        return messages.expectClose(deadline(within), within);
    }

    /**
     * Whether the connection is open: a ping of ours comes back as its pong {@code within}, before any close.
     * Messages that arrive meanwhile are kept for {@link #nextMessage}.
     */
    public boolean isOpen(Duration within) throws IOException {
        return messages.isOpen(deadline(within), within);
    }

    /**
     * The clean client close (RFC 6455 section 7.1.2): close 1000, the server's close in answer (messages before
     * it skipped), then the TCP connection dropped. Returns what the server's close said.
     */
    public Closed closeNormally(Duration within) throws IOException {
        try {
            messages.sendClose();
            return awaitClose(within);
        } finally {
            close();
        }
    }

    private static String text(Message message) {
        assertEquals(0x1, message.opcode(), () -> "expected a text message, got " + message);
        return message.text();
    }

    /** The next frame, or null at the end of the stream; fails when none has begun by {@code deadline}. */
    Frame next(long deadline, Duration within) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return fail("nothing from the server within " + within);
        }
        socket.setSoTimeout((int) left);
        try {
            return next();
        } catch (SocketTimeoutException quiet) {
            return fail("nothing from the server within " + within);
        } catch (EOFException | SocketException ended) {
            return null;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            }
        }
    }

    private static long deadline(Duration within) {
        return System.nanoTime() + within.toNanos();
    }

    /** Drops the TCP connection, without a close frame (see {@link #closeNormally}). */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Drops the TCP connection without a close frame: with a reset (RST) when told, else as {@link #close} does (FIN). */
    public void hangUp(boolean reset) throws IOException {
        if (reset) {
            socket.setSoLinger(true, 0);
        }
        socket.close();
    }
}
