package dev.switchboard.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a transport saw of the HTTP request that opened or continued a session: the same shape for
 * polling and WebSocket, so nothing above the transports needs to know which one it was.
 *
 * @param headers header names in lower case, as received
 * @param remoteAddress the client's address: the peer's, or the one a trusted proxy names ({@link TrustedProxies});
 *                      null where the container does not tell
 * @param secure whether the client used https/wss: to this server, or to the trusted proxy in front
 * @param host the authority the client addressed: the Host header, or the host a trusted proxy names; null if none
 */
public record ClientRequest(String method, String path, Map<String, String> query,
                            Map<String, List<String>> headers, String remoteAddress, boolean secure, String host) {

    /** A request as received from the peer, before {@link TrustedProxies} has looked at it: the host is its Host. */
    public ClientRequest(String method, String path, Map<String, String> query,
                         Map<String, List<String>> headers, String remoteAddress, boolean secure) {
        this(method, path, query, headers, remoteAddress, secure, hostHeader(headers));
    }

    public ClientRequest {
        query = Map.copyOf(query);
        TreeMap<String, List<String>> lowerCase = new TreeMap<>();
        headers.forEach((name, values) -> lowerCase.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
                (a, b) -> {
                    List<String> merged = new java.util.ArrayList<>(a);
                    merged.addAll(b);
                    return List.copyOf(merged);
                }));
        headers = java.util.Collections.unmodifiableMap(lowerCase);
    }

    private static String hostHeader(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("host".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /** The same request, with the client's side as a trusted proxy tells it. */
    ClientRequest seenAs(String clientAddress, boolean clientSecure, String clientHost) {
        return new ClientRequest(method, path, query, headers, clientAddress, clientSecure, clientHost);
    }

    /** First value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String queryParameter(String name) {
        return query.get(name);
    }

    /** The session id this request names, or null for a handshake. */
    public String sid() {
        return query.get("sid");
    }

    public String transport() {
        return query.get("transport");
    }
}
