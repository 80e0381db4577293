package dev.switchboard.it;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
    /** Tyrus' own default Origin is the page's (http://host:port); pass this to send none, like a native client. */
    static final String NO_ORIGIN = "";


    private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private WebSocketClient(URI uri, String origin) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (origin == null) {
                            return;
                        }
                        headers.keySet().removeIf("origin"::equalsIgnoreCase);
                        if (!origin.isEmpty()) {
                            headers.put("Origin", List.of(origin));
                        }
                    }
                })
                .build();
        // A client container per connection: Tyrus stops a container when its last session closes, and a
        // connection opened on a shared one at that moment has its timers rejected (seen on -Pwildfly).
        session = ClientManager.createClient().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.setMaxTextMessageBufferSize(1 << 20);
                session.setMaxBinaryMessageBufferSize(1 << 20);
                session.addMessageHandler(String.class, frames::add);
                session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) buffer -> {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    frames.add(bytes);
                });
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }

            @Override
            public void onError(Session session, Throwable error) {
                frames.add(error);
            }
        }, config, uri);
    }

    /** Connects to {@code ws://…/socket.io/?query} with Tyrus' default Origin (the page's own). */
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
        session.getBasicRemote().sendText(frame);
    }

    void send(byte[] frame) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
    }

    /** The next text frame; fails on a binary frame, a client error, or no frame within the timeout. */
    String awaitText(Duration timeout) throws InterruptedException {
        Object frame = next(timeout);
        if (frame instanceof String text) {
            return text;
        }
        return fail("expected a text frame, got " + describe(frame));
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
        if (session.isOpen()) {
            session.close();
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
