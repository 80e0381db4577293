package dev.switchboard.it;

import jakarta.websocket.CloseReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A raw WebSocket to {@code /socket.io/}: every frame the server sends is queued as it arrives (text as String,
 * binary as byte[]), and the close reason is kept, so tests wait for exactly what they expect, with a timeout.
 */
final class WebSocketClient implements AutoCloseable {
    /** Pass this as the origin to send none, like a native client; by default the page's own is sent. */
    static final String NO_ORIGIN = "";
    private static final long TIMEOUT_SECONDS = 10;
    /**
     * The JDK's client, one for all connections. (The Tyrus client, used here before, now and then rejected a send
     * on a fresh connection because its per-client timer had already been shut down: seen on -Pwildfly.)
     */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WebSocketClient(URI uri, String origin) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        String sent = origin == null ? "http://" + uri.getAuthority() : origin;
        if (!sent.isEmpty()) {
            builder.header("Origin", sent);
        }
        socket = builder.buildAsync(uri, new Receiver()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Queues whole messages (fragments joined), the close, and errors (as the close 1006 they end in). */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                frames.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        /** Returning completes the closing handshake: the JDK answers with a close frame of the same code. */
        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new CloseReason(CloseReason.CloseCodes.getCloseCode(statusCode), reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(error);
            closed.complete(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, String.valueOf(error)));
        }
    }

    /** Connects to {@code ws://…/socket.io/?query} with the page's own Origin (http://host:port). */
    static WebSocketClient connect(URI base, String query) throws Exception {
        return connect(base, query, null);
    }

    /** Connects with this Origin header, or none for {@link #NO_ORIGIN}. */
    static WebSocketClient connect(URI base, String query, String origin) throws Exception {
        URI uri = URI.create("ws://" + base.getAuthority() + base.getPath() + "socket.io/?" + query);
        return new WebSocketClient(uri, origin);
    }

    /** Opens a direct WebSocket session; its first frame is the open packet. */
    static WebSocketClient open(URI base) throws Exception {
        return connect(base, "EIO=4&transport=websocket");
    }

    void send(String frame) throws IOException {
        await(socket.sendText(frame, true));
    }

    void send(byte[] frame) throws IOException {
        await(socket.sendBinary(ByteBuffer.wrap(frame), true));
    }

    private static void await(CompletableFuture<WebSocket> sending) throws IOException {
        try {
            sending.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw new IOException("send failed", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", interrupted);
        } catch (TimeoutException slow) {
            throw new IOException("send not done within " + TIMEOUT_SECONDS + " s", slow);
        }
    }

    /** The next text frame; fails on a binary frame, a client error, or no frame within the timeout. */
    String awaitText(Duration timeout) throws InterruptedException {
        Object frame = next(timeout);
        if (frame instanceof String text) {
            return text;
        }
        return fail("expected a text frame, got " + describe(frame));
    }

    /**
     * The next text frame that starts with {@code prefix}, within {@code timeout} in all. Pings ({@code 2}) are
     * answered ({@code 3}), so the heartbeat never ends the session while a test waits, nor keeps it waiting for a
     * frame that never comes; other frames are skipped.
     */
    String awaitTextAnsweringPings(String prefix, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no text frame starting with \"" + prefix + "\" within " + timeout);
            }
            String frame = awaitText(Duration.ofNanos(left));
            if (frame.equals("2")) {
                send("3");
            } else if (frame.startsWith(prefix)) {
                return frame;
            }
        }
    }

    /** Waits for this exact text frame as the next one. */
    void awaitText(String expected, Duration timeout) throws InterruptedException {
        assertEquals(expected, awaitText(timeout));
    }

    /** The next frame must be binary, with exactly these bytes. */
    void awaitBinary(byte[] expected, Duration timeout) throws InterruptedException {
        Object frame = next(timeout);
        if (!(frame instanceof byte[] bytes)) {
            fail("expected a binary frame, got " + describe(frame));
            return;
        }
        assertArrayEquals(expected, bytes);
    }

    /** Waits for the connection to close, skipping frames still queued, and returns why it closed. */
    CloseReason awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("WebSocket still open after " + timeout + "; frames: " + frames);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a close with this code and reason. */
    void awaitClose(CloseReason.CloseCode code, String reason, Duration timeout) throws InterruptedException {
        CloseReason why = awaitClose(timeout);
        assertEquals(code.getCode(), why.getCloseCode().getCode(), () -> "close " + why);
        assertEquals(reason, why.getReasonPhrase(), () -> "close " + why);
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Closes with a close frame (a clean client close). */
    @Override
    public void close() throws IOException {
        if (!socket.isOutputClosed()) {
            try {
                await(socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
            } catch (IOException alreadyClosing) {
                // the server closed first: nothing left to say
            }
        }
        try {
            closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS); // the server's answer ends the closing handshake
        } catch (ExecutionException | TimeoutException noAnswer) {
            socket.abort();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            socket.abort();
        }
    }

    private Object next(Duration timeout) throws InterruptedException {
        Object frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(frame, () -> "no frame within " + timeout + (closed.isDone() ? "; closed: " + closed.join() : ""));
        return frame;
    }

    private static String describe(Object frame) {
        if (frame instanceof byte[] bytes) {
            return "binary frame of " + bytes.length + " bytes";
        }
        if (frame instanceof Throwable error) {
            return "client error " + error;
        }
        return String.valueOf(frame);
    }
}
