package dev.switchboard.handler;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the client sent when it joined a namespace: the HTTP request that opened the connection and the
 * auth object of its CONNECT packet. The auth object may hold secrets: never log it.
 *
 * @param headers header names in lower case
 * @param address the peer's IP address, or null where the container does not tell
 */
public record Handshake(Map<String, List<String>> headers, Map<String, String> query, String address,
                        String url, boolean secure, Instant time, JsonObject auth) {

    /** First value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
