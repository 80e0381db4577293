package dev.switchboard.engine.transport;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.WebSocketImplementation;
import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.transport.websocket.OpeningHandshake;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * WebSocket upgrades of {@code /socket.io/}. First the cross-site WebSocket hijacking defence: an upgrade from a
 * browser page on an origin outside the allowlist is answered 403 before anything is upgraded, so that page never
 * gets an open socket (the page's own origin, compared with Host or X-Forwarded-Host, is always allowed). Then,
 * with the default setting {@code websocket=servlet}, the upgrade itself: the opening handshake is checked and
 * answered here and the connection handed to a {@link WebSocketConnection}, Switchboard's own RFC 6455, with a
 * {@link WebSocketTransport} on it. With {@code websocket=container} the request goes on to the container's
 * WebSocket implementation and {@link WebSocketEndpoint}.
 * <p>
 * Filters declared by the application run before the container's WebSocket filter (Tyrus maps its filter after
 * declared ones). Where a container upgrades first, {@link WebSocketEndpoint} still refuses the same origin with
 * close code 1008. Polling needs no filter: its handshake is refused by {@link EngineServer#verify} and browsers get
 * no CORS headers.
 */
@WebFilter(urlPatterns = "/socket.io/*", asyncSupported = true)
public class WebSocketUpgradeFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(WebSocketUpgradeFilter.class.getName());
    private static final String ENDPOINT = "/socket.io/";

    @Inject
    EngineServer server;

    @Inject
    SwitchboardConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!OpeningHandshake.isUpgrade(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        if (!server.admitWebSocketOrigin(ServletClientRequest.of(request))) {
            refuse(response, EngineError.FORBIDDEN.httpStatus(), EngineError.FORBIDDEN);
            return;
        }
        if (config.webSocket() != WebSocketImplementation.SERVLET
                || !ENDPOINT.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<OpeningHandshake.Refusal> refusal = ServletUpgrade.refusal(request);
        if (refusal.isPresent()) {
            LOG.fine(() -> "Refused WebSocket handshake: " + refusal.get().message());
            if (refusal.get().status() == 426) {
                response.setHeader("Sec-WebSocket-Version", OpeningHandshake.VERSION); // RFC 6455 4.4
            }
            refuse(response, refusal.get().status(), EngineError.BAD_REQUEST);
            return;
        }
        upgrade(request, response);
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        ClientRequest client = ServletClientRequest.of(request);
        ServletUpgrade.upgrade(request, response, server, server.settings().maxPayload(), opened -> {
            WebSocketTransport transport = new WebSocketTransport(opened, server.observer());
            WebSocketAdmission.admit(server, client, transport);
            return transport;
        });
    }

    private static void refuse(HttpServletResponse response, int status, EngineError error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(error.json().getBytes(StandardCharsets.UTF_8));
    }
}
