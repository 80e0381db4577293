package dev.switchboard.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a transport saw of the HTTP request that opened or continued a session: the same shape for
 * polling and WebSocket, so nothing above the transports needs to know which one it was.
 *
 * @param headers header names in lower case
 * @param remoteAddress the peer's address, or null where the container does not tell
 */
public record ClientRequest(String method, String path, Map<String, String> query,
                            Map<String, List<String>> headers, String remoteAddress, boolean secure) {

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
