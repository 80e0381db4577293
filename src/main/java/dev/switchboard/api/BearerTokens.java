package dev.switchboard.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured bearer tokens, and who an {@code Authorization} header says the caller is. Thread-safe
 * (immutable).
 * <p>
 * Tokens are compared in constant time: both sides are hashed to SHA-256 first, so neither a token's content
 * nor its length shows in how long a wrong guess takes, and the presented value is compared with every
 * configured token whatever it matches. Tokens are never logged or echoed.
 */
public final class BearerTokens {
    /** What the Authorization header amounts to. */
    public enum Outcome { NO_CREDENTIAL, INVALID, ADMIN, PUBLISHER }

    private static final String SCHEME = "bearer ";

    private final byte[] adminDigest;
    private final byte[] publishDigest;

    /** @param adminToken "" or null when none is configured; likewise {@code publishToken} */
    public BearerTokens(String adminToken, String publishToken) {
        this.adminDigest = digestOrNull(adminToken);
        this.publishDigest = digestOrNull(publishToken);
    }

    /** Whether any configured token grants {@code role}: without one, endpoints for it are refused, never open. */
    public boolean configured(Role role) {
        return switch (role) {
            case ADMIN -> adminDigest != null;
            case PUBLISHER -> publishDigest != null;
        };
    }

    public Outcome identify(String authorizationHeader) {
        Optional<String> presented = token(authorizationHeader);
        if (presented.isEmpty()) {
            return Outcome.NO_CREDENTIAL;
        }
        byte[] digest = digest(presented.get());
        // both comparisons always run: which token matched must not show in the timing either
        boolean admin = adminDigest != null & MessageDigest.isEqual(digest, adminDigest == null ? digest : adminDigest);
        boolean publisher = publishDigest != null & MessageDigest.isEqual(digest, publishDigest == null ? digest : publishDigest);
        if (admin) {
            return Outcome.ADMIN;
        }
        return publisher ? Outcome.PUBLISHER : Outcome.INVALID;
    }

    /** The token of a {@code Bearer} Authorization header (scheme case-insensitive, RFC 6750), if it is one. */
    static Optional<String> token(String header) {
        if (header == null || header.length() <= SCHEME.length()
                || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static byte[] digestOrNull(String token) {
        return token == null || token.isEmpty() ? null : digest(token);
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
