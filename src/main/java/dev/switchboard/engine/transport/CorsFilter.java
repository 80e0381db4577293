package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS for the polling transport, from the same origin allowlist as the WebSocket handshake. A page on an
 * allowed origin may poll with credentials; any other origin gets no CORS headers, so its browser refuses.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    @Inject
    EngineServer server;

    /** The peer's address, which decides whether forwarding headers count ({@code trustedProxies}). */
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !server.originAllowed(ServletClientRequest.forOriginCheck(servletRequest))) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        headers.add("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String requested = request.getHeaderString("Access-Control-Request-Headers");
            if (requested != null) {
                headers.putSingle("Access-Control-Allow-Headers", requested);
            }
            headers.putSingle("Access-Control-Max-Age", "86400");
        }
    }
}
