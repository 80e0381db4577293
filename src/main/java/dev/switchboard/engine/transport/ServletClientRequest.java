package dev.switchboard.engine.transport;

import dev.switchboard.engine.ClientRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A servlet request as the engine sees requests: the upgrade filter's and the CORS filter's view of it. */
final class ServletClientRequest {
    private ServletClientRequest() {
    }

    /** A GET as received from the peer, query parsed as the Engine.IO handshake reads it. */
    static ClientRequest of(HttpServletRequest request) {
        Map<String, String> query = QueryString.parse(request.getQueryString());
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new ClientRequest(request.getMethod(), request.getRequestURI(), query, headers, request.getRemoteAddr(),
                request.isSecure());
    }
}
