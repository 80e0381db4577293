package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cross-site WebSocket hijacking defence: a WebSocket upgrade from a browser page on an origin outside the
 * allowlist is answered 403 before the container upgrades it, so that page never gets an open socket.
 * <p>
 * A filter, not the endpoint configurator's {@code checkOrigin}: that sees only the Origin header, and the page's
 * own origin (compared with Host or X-Forwarded-Host) is always allowed. Filters declared by the application
 * run before the container's WebSocket filter (Tyrus maps its filter after declared ones). Where a container
 * upgrades first, {@link WebSocketEndpoint} still refuses the same origin with close code 1008.
 * Polling needs no filter: its handshake is refused by {@link EngineServer#verify} and browsers get no CORS headers.
 */
@WebFilter(urlPatterns = "/socket.io/*", asyncSupported = true)
public class OriginFilter extends HttpFilter {

    @Inject
    EngineServer server;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && !server.admitWebSocketOrigin(request.getHeader("Origin"), request.getHeader("Host"),
                request.getHeader("X-Forwarded-Host"))) {
            response.setStatus(EngineError.FORBIDDEN.httpStatus());
            response.setContentType("application/json");
            response.getOutputStream().write(EngineError.FORBIDDEN.json().getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
