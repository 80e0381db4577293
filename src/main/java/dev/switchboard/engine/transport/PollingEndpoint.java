package dev.switchboard.engine.transport;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.EngineSession;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /socket.io/} over plain HTTP: the long-polling transport's requests and polling handshakes, and CORS for
 * them from the same origin allowlist as the WebSocket handshake (a page on an allowed origin may poll with
 * credentials; any other origin gets no CORS headers, so its browser refuses). WebSocket upgrades to the same path
 * are taken first by {@link WebSocketUpgradeFilter}.
 * <p>
 * A plain servlet rather than a JAX-RS resource: a poll is the hottest request the server has, and it needs
 * nothing JAX-RS adds (routing, entity providers, its own suspended-response machinery). Stateless; the container
 * calls it on its request threads.
 */
@WebServlet(urlPatterns = "/socket.io/*", asyncSupported = true)
public class PollingEndpoint extends HttpServlet {

    @Inject
    EngineServer server;

    @Inject
    SwitchboardConfig config;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && !path.equals("/")) {
            HttpAnswer.status(HttpServletResponse.SC_NOT_FOUND).writeTo(response);
            return;
        }
        String method = request.getMethod();
        allowOrigin(request, response, method);
        if (method.equals("OPTIONS")) {
            // a CORS preflight names no session and opens none: the headers above are its whole answer
            HttpAnswer.status(HttpServletResponse.SC_NO_CONTENT).writeTo(response);
            return;
        }
        ClientRequest client = clientRequest(request, method);
        Optional<EngineError> error = verify(client);
        Optional<PollingTransport> transport = client.sid() == null ? Optional.empty() : pollingTransportOf(client);
        if (error.isPresent()) {
            HttpAnswer.error(error.get()).writeTo(response);
        } else if (method.equals("GET") && client.sid() == null) {
            handshake(request, response, client);
        } else if (transport.isEmpty()) {
            HttpAnswer.error(EngineError.BAD_REQUEST).writeTo(response); // the session no longer polls: it upgraded
        } else if (method.equals("GET")) {
            transport.get().poll(AsyncGet.start(request, response, null));
        } else if (method.equals("POST")) {
            transport.get().receive(request.getInputStream(), request.getContentLengthLong()).writeTo(response);
        } else {
            HttpAnswer.error(EngineError.BAD_REQUEST).writeTo(response);
        }
    }

    private void handshake(HttpServletRequest request, HttpServletResponse response, ClientRequest client) {
        PollingTransport transport = newTransport();
        EngineSession session = server.open(client, transport);
        String cookie = session != null && !config.cookie().isEmpty()
                ? new HandshakeCookie(config.cookie()).header(session.sid()) : null;
        transport.poll(AsyncGet.start(request, response, cookie));
    }

    private Optional<EngineError> verify(ClientRequest request) {
        Optional<EngineError> error = server.verify(request);
        if (error.isEmpty() && !"polling".equals(request.transport())) {
            return Optional.of(EngineError.BAD_REQUEST); // transport=websocket without an Upgrade header
        }
        return error;
    }

    /** CORS headers on every answer to a page on an allowed origin; set now, as a poll's answer comes later. */
    private void allowOrigin(HttpServletRequest request, HttpServletResponse response, String method) {
        String origin = request.getHeader("Origin");
        if (origin == null || !server.originAllowed(ServletClientRequest.forOriginCheck(request))) {
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        response.addHeader("Vary", "Origin");
        if (method.equals("OPTIONS")) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (requested != null) {
                response.setHeader("Access-Control-Allow-Headers", requested);
            }
            response.setHeader("Access-Control-Max-Age", "86400");
        }
    }

    private PollingTransport newTransport() {
        var settings = server.settings();
        return new PollingTransport(settings.maxPayload(), settings.pingInterval() + settings.pingTimeout(),
                server.polls(), server.observer());
    }

    /** The session's transport, when it is (still) polling. */
    private Optional<PollingTransport> pollingTransportOf(ClientRequest request) {
        return server.find(request.sid())
                .map(EngineSession::transport)
                .filter(PollingTransport.class::isInstance)
                .map(PollingTransport.class::cast);
    }

    /**
     * The request as the engine sees it. A handshake's carries every header (the application reads them from its
     * handshake); a request of an open session needs only its query, which names the session and transport.
     */
    private static ClientRequest clientRequest(HttpServletRequest request, String method) {
        Map<String, String> query = QueryString.parse(request.getQueryString());
        if (query.get("sid") == null) {
            return ServletClientRequest.of(request, query);
        }
        return new ClientRequest(method, request.getRequestURI(), query, Map.of(), request.getRemoteAddr(),
                request.isSecure());
    }
}
