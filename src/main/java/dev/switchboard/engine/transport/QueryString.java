package dev.switchboard.engine.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The query of a WebSocket upgrade request, read from its raw text rather than through
 * {@code getParameterMap()}: on Payara and GlassFish the container decodes the parameters and keeps them with the
 * upgraded request, which lives as long as its connection (about 1 KB a connection; bench/README.md, change 9). The
 * two 1,024-character scratch buffers beside them are Grizzly's for every request, parsed or not.
 * <p>
 * Decoded as {@code application/x-www-form-urlencoded} in UTF-8, the first value of a repeated name wins, and, as
 * Node's {@code querystring} does, a part whose percent-encoding is malformed is kept as it was sent: the engine
 * then refuses an unknown transport or session id with its own error. So it never throws, whatever the client wrote
 * (pinned by {@code QueryStringProperties}).
 */
final class QueryString {
    private QueryString() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        int start = 0;
        while (start <= raw.length()) {
            int end = raw.indexOf('&', start);
            if (end < 0) {
                end = raw.length();
            }
            if (end > start) {
                int equals = raw.indexOf('=', start);
                boolean hasValue = equals >= 0 && equals < end;
                String name = decode(raw.substring(start, hasValue ? equals : end));
                String value = hasValue ? decode(raw.substring(equals + 1, end)) : "";
                query.putIfAbsent(name, value);
            }
            start = end + 1;
        }
        return query;
    }

    private static String decode(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('+') < 0) {
            return part;
        }
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part;
        }
    }
}
