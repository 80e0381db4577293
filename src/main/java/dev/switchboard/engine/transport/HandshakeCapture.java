package dev.switchboard.engine.transport;

import dev.switchboard.engine.ClientRequest;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what the WebSocket upgrade request said (query, headers, and the peer address from
 * {@link HandshakeAddress}) for the endpoint. WebSocket 2.1 (Jakarta EE
 * 10) makes the user properties seen here a per-connection copy, which becomes the session's user properties.
 */
public class HandshakeCapture extends ServerEndpointConfig.Configurator {
    static final String REQUEST = ClientRequest.class.getName();

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, String> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!values.isEmpty()) {
                query.put(name, values.get(0));
            }
        });
        Map<String, List<String>> headers = request.getHeaders();
        boolean secure = "wss".equalsIgnoreCase(request.getRequestURI().getScheme())
                || "https".equalsIgnoreCase(request.getRequestURI().getScheme());
        config.getUserProperties().put(REQUEST,
                new ClientRequest("GET", request.getRequestURI().getRawPath(), query, headers, HandshakeAddress.current(), secure));
    }
}
