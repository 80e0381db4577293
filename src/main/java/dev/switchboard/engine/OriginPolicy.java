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
     * Any header text gets an answer, never an exception: the headers are the client's, unchecked.
     *
     * @param origin the Origin header, or null
     * @param host the Host header (the authority the browser addressed), or null
     * @param forwardedHost X-Forwarded-Host set by a reverse proxy, or null
     */
    public boolean allows(String origin, String host, String forwardedHost) {
        if (origin == null || any) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(normalized)) {
            return true;
        }
        String authority = authorityOf(normalized);
        return authority != null
                && (authority.equals(normalizeHost(host, normalized)) || authority.equals(normalizeHost(forwardedHost, normalized)));
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

    private static String normalizeHost(String host, String origin) {
        if (host == null || host.isBlank()) {
            return null;
        }
        // the first host of a proxy chain; a limit keeps the empty strings, as "," alone splits into none at all
        String first = host.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (first.isEmpty()) {
            return null;
        }
        boolean hasPort = first.lastIndexOf(':') > first.lastIndexOf(']');
        return hasPort ? first : first + ":" + defaultPort(origin.startsWith("https") ? "https" : "http");
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) || "wss".equals(scheme) ? 443 : 80;
    }
}
