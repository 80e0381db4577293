package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.transport.websocket.OpeningHandshake;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import dev.switchboard.engine.transport.websocket.WebSocketListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Switchboard's own WebSocket on the Servlet upgrade API: the opening handshake checked, the 101 answered and the
 * connection handed to a {@link WebSocketConnection}. {@code /socket.io/} upgrades through it, and so does every
 * endpoint that must run the same code (the echo the WebSocket conformance tests fuzz). Stateless.
 */
public final class ServletUpgrade {
    private ServletUpgrade() {
    }

    /** Why this upgrade request must be refused (status and message), or empty when it may be upgraded. */
    public static Optional<OpeningHandshake.Refusal> refusal(HttpServletRequest request) {
        return OpeningHandshake.check(request.getMethod(), request.getHeader("Connection"),
                request.getHeader("Sec-WebSocket-Version"), request.getHeader("Sec-WebSocket-Key"));
    }

    /**
     * Answers 101 and upgrades: {@code opener} makes the listener once the connection is open, and the server's
     * scheduler and workers run its timers.
     */
    public static void upgrade(HttpServletRequest request, HttpServletResponse response, EngineServer server,
                               int maxMessageSize, Function<WebSocketConnection, WebSocketListener> opener)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", OpeningHandshake.accept(request.getHeader("Sec-WebSocket-Key")));
        WebSocketConnection connection = request.upgrade(WebSocketConnection.class);
        // Prepared before the container can call init(), which it does once this request's processing is over.
        // No flush here: the connection commits the 101 itself, without blocking (see WebSocketConnection#init).
        connection.prepare(maxMessageSize,
                (task, delayMillis) -> server.scheduler().schedule(task, delayMillis, server::execute), opener);
    }
}
