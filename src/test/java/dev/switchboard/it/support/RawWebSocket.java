package dev.switchboard.it.support;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A bare WebSocket to the Engine.IO endpoint (Tyrus client), for what the Socket.IO clients hide: the Origin
 * header, close codes, the exact frames. Answers the server's pings itself so a session outlives the test's pauses.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final long TIMEOUT_SECONDS = 10;

    /** Text frames received, except pings. */
    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private RawWebSocket(ClientManager client, URI uri, String origin) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.remove("Origin");
                        if (origin != null) {
                            headers.put("Origin", List.of(origin));
                        }
                    }
                })
                .build();
        session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig ignored) {
                opened.addMessageHandler(new MessageHandler.Whole<String>() {
                    @Override
                    public void onMessage(String text) {
                        if ("2".equals(text)) {
                            opened.getAsyncRemote().sendText("3"); // EIO4: server pings, client pongs
                        } else {
                            texts.add(text);
                        }
                    }
                });
            }

            @Override
            public void onClose(Session ignored, CloseReason reason) {
                closed.complete(reason);
            }

            @Override
            public void onError(Session ignored, Throwable error) {
                closed.completeExceptionally(error);
            }
        }, config, uri);
    }

    /**
     * Opens {@code socket.io/?EIO=4&transport=websocket} under {@code base}, plus {@code query} (may be empty).
     *
     * @param origin the Origin header to send, or null for none
     */
    public static RawWebSocket open(ClientManager client, URI base, String query, String origin) throws Exception {
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + base.getPath()
                + "socket.io/?EIO=4&transport=websocket" + (query.isEmpty() ? "" : "&" + query));
        return new RawWebSocket(client, uri, origin);
    }

    public void send(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /** The next text frame matching {@code wanted}, skipping others; fails after the timeout. */
    public String await(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String text = texts.poll(left, TimeUnit.NANOSECONDS);
            if (text != null && wanted.test(text)) {
                return text;
            }
        }
        throw new AssertionError("no matching frame within " + TIMEOUT_SECONDS + " s");
    }

    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException alreadyGone) {
            // closed by the server
        }
    }
}
