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
 * gets an open socket (the page's own origin, as the request or a trusted proxy tells it, is always allowed).
 * The opening handshake's method, version and key are checked here on either path. Then, with the default setting
 * {@code websocket=servlet}, the upgrade itself: answered here and the connection handed to a
 * {@link WebSocketConnection}, Switchboard's own RFC 6455, with a {@link WebSocketTransport} on it. With
 * {@code websocket=container} the request goes on to the container's WebSocket implementation and
 * {@link WebSocketEndpoint}.
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
        ClientRequest client = ServletClientRequest.of(request);
        if (!server.admitWebSocketOrigin(client)) {
            refuse(response, EngineError.FORBIDDEN.httpStatus(), EngineError.FORBIDDEN);
            return;
        }
        if (!ENDPOINT.equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            chain.doFilter(request, response);
            return;
        }
        // Checked here for the container's WebSocket too: Tyrus upgrades a handshake whose Sec-WebSocket-Key is
        // not 16 bytes in base64 (RFC 6455 4.2.1 says refuse it). ContainerWebSocketIT pins it.
        Optional<OpeningHandshake.Refusal> refusal = ServletUpgrade.refusal(request);
        if (refusal.isPresent()) {
            LOG.fine(() -> "Refused WebSocket handshake: " + refusal.get().message());
            if (refusal.get().status() == 426) {
                response.setHeader("Sec-WebSocket-Version", OpeningHandshake.VERSION); // RFC 6455 4.4
            }
            refuse(response, refusal.get().status(), EngineError.BAD_REQUEST);
            return;
        }
        if (config.webSocket() != WebSocketImplementation.SERVLET) {
            chain.doFilter(request, response);
            return;
        }
        upgrade(request, response, client);
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response, ClientRequest client)
            throws IOException, ServletException {
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
