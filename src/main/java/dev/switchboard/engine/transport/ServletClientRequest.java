package dev.switchboard.engine.transport;

import dev.switchboard.engine.ClientRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A servlet request as the engine sees requests: the upgrade filter's and the polling endpoint's view of it. */
final class ServletClientRequest {
    /** What the origin check reads ({@code EngineServer.originAllowed}): the page, the host, and what proxies say. */
    private static final List<String> ORIGIN_HEADERS =
            List.of("Origin", "Host", "Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host");

    private ServletClientRequest() {
    }

    /**
     * Only what the origin check reads, for the CORS headers: they are decided on every polling request, where copying every
     * header and parsing the query again (the endpoint has done both for a handshake) would be work for nothing.
     */
    static ClientRequest forOriginCheck(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ORIGIN_HEADERS) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        return new ClientRequest(request.getMethod(), request.getRequestURI(), Map.of(), headers, request.getRemoteAddr(),
                request.isSecure());
    }

    /** A GET as received from the peer, query parsed as the Engine.IO handshake reads it. */
    static ClientRequest of(HttpServletRequest request) {
        return of(request, QueryString.parse(request.getQueryString()));
    }

    /** A request as received from the peer, with its query already parsed. */
    static ClientRequest of(HttpServletRequest request, Map<String, String> query) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new ClientRequest(request.getMethod(), request.getRequestURI(), query, headers, request.getRemoteAddr(),
                request.isSecure());
    }
}
