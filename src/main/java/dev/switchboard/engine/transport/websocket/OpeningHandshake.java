package dev.switchboard.engine.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's side of the RFC 6455 section 4.2 opening handshake: which upgrade requests to accept, and the
 * accept key that proves the server read the client's. No extension and no subprotocol is negotiated.
 */
public final class OpeningHandshake {
    private static final String KEY_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    public static final String VERSION = "13";

    /** Why an upgrade request is refused: the HTTP status, and the message for the body. */
    public record Refusal(int status, String message) {
    }

    private OpeningHandshake() {
    }

    /** Whether the request asks for a WebSocket at all (its Upgrade header). */
    public static boolean isUpgrade(String upgradeHeader) {
        return upgradeHeader != null && upgradeHeader.trim().equalsIgnoreCase("websocket");
    }

    /**
     * Checks an upgrade request's method and headers. Never throws: any header text, or none, gets an answer.
     *
     * @return empty when it may be upgraded; else 400, or 426 for a version this server does not speak (the
     *         response then names the version it does, {@link #VERSION})
     */
    public static Optional<Refusal> check(String method, String connection, String version, String key) {
        if (!"GET".equals(method)) {
            return Optional.of(new Refusal(400, "a WebSocket handshake must be a GET"));
        }
        if (connection == null || !hasToken(connection, "upgrade")) {
            return Optional.of(new Refusal(400, "Connection header without the upgrade token"));
        }
        if (!VERSION.equals(version == null ? null : version.trim())) {
            return Optional.of(new Refusal(426, "unsupported WebSocket version"));
        }
        if (!isValidKey(key)) {
            return Optional.of(new Refusal(400, "invalid Sec-WebSocket-Key"));
        }
        return Optional.empty();
    }

    /** Section 4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + KEY_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java platform has SHA-1", missing);
        }
    }

    private static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String part : header.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }
}
