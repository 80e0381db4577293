package dev.switchboard.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plain WebSocket for wire-level tests (JDK client): every text frame in order, and the close frame's code
 * and reason. Engine.IO packets are sent and read as their text frames ("40", "2", …).
 */
public final class JdkWebSocket implements AutoCloseable {
    /** What the server's close frame said. */
    public record Closed(int code, String reason) {
    }

    public final BlockingQueue<String> frames;
    public final CompletableFuture<Closed> closed;
    private final WebSocket socket;

    private JdkWebSocket(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.frames = listener.frames;
        this.closed = listener.closed;
    }

    /**
     * Opens {@code uri}; the returned stage fails with {@link java.net.http.WebSocketHandshakeException} when the
     * server answers the upgrade with anything but 101.
     */
    public static CompletableFuture<JdkWebSocket> open(URI uri, Map<String, String> headers) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().newWebSocketBuilder();
        headers.forEach(builder::header);
        return builder.buildAsync(uri, listener).thenApply(socket -> new JdkWebSocket(socket, listener));
    }

    /** The next text frame, or null after {@link JavaClient#TIMEOUT_SECONDS}. */
    public String next() throws InterruptedException {
        return frames.poll(JavaClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** Sends unless the connection is closing (the server may close it mid-flood); false if it could not. */
    public boolean trySend(String frame) {
        try {
            send(frame);
            return true;
        } catch (CompletionException closing) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(alreadyClosed -> null);
        }
        socket.abort();
    }

    /** Collects events from the first one on: a frame may arrive before buildAsync completes. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
