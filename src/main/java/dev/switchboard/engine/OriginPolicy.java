package dev.switchboard.engine;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may open a session: one allowlist for the WebSocket handshake and for CORS on polling.
 * The page's own origin is always allowed; the list adds others; {@code *} allows any. A request without an Origin header does not come
 * from a browser page and is allowed: cross-site WebSocket hijacking needs a browser, and browsers always send it.
 */
public final class OriginPolicy {
    private final List<String> allowed;
    private final boolean any;

    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        this.any = this.allowed.contains("*");
    }

    public boolean allowsAnyOrigin() {
        return any;
    }

    /**
     * Same origin means same scheme, host and port as the request the browser made: the page at
     * {@code https://app.example.com} may talk to {@code https://app.example.com/socket.io/}, an {@code http} page
     * on the same host may not (it could be anyone's on the way). Any header text gets an answer, never an
     * exception: the headers are the client's, unchecked.
     *
     * @param origin the Origin header, or null
     * @param secure whether the client used https (directly, or to a trusted proxy: {@link TrustedProxies})
     * @param host the authority the client addressed (Host, or the one a trusted proxy names), or null
     */
    public boolean allows(String origin, boolean secure, String host) {
        if (origin == null || any) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(normalized)) {
            return true;
        }
        String scheme = schemeOf(normalized);
        String authority = authorityOf(normalized);
        return authority != null && (secure ? "https" : "http").equals(scheme)
                && authority.equals(normalizeHost(host, scheme));
    }

    /** http or https; ws and wss, which some non-browser clients send, count as those. */
    private static String schemeOf(String origin) {
        int colon = origin.indexOf(':');
        String scheme = colon < 0 ? "" : origin.substring(0, colon);
        return switch (scheme) {
            case "wss" -> "https";
            case "ws" -> "http";
            default -> scheme;
        };
    }

    /** host:port of an origin, with the scheme's default port made explicit. */
    private static String authorityOf(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return null; // "null" origins from sandboxed frames and file:// pages
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getHost() + ":" + port;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private static String normalizeHost(String host, String scheme) {
        if (host == null || host.isBlank()) {
            return null;
        }
        // the first host of a proxy chain; a limit keeps the empty strings, as "," alone splits into none at all
        String first = host.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (first.isEmpty()) {
            return null;
        }
        boolean hasPort = first.lastIndexOf(':') > first.lastIndexOf(']');
        return hasPort ? first : first + ":" + defaultPort(scheme);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
    }
}
