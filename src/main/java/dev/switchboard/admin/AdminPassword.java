package dev.switchboard.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.nio.charset.StandardCharsets;

/**
 * The Admin UI password, known only by its bcrypt hash ($2a$, $2b$ or $2y$, as bcrypt, bcryptjs and htpasswd -B
 * write it). Passwords longer than bcrypt's 72 bytes are cut there, as bcryptjs cuts them, so that a hash made with
 * the Node tools checks the same here. Thread-safe: immutable.
 */
final class AdminPassword {
    private static final BCrypt.Verifyer VERIFIER = BCrypt.verifyer(BCrypt.Version.VERSION_2A,
            LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    private final byte[] hash;

    AdminPassword(String hash) {
        this.hash = hash.getBytes(StandardCharsets.US_ASCII);
    }

    /** Costs one bcrypt computation (tens of milliseconds at cost 10), whatever the answer. */
    boolean matches(String password) {
        return VERIFIER.verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
    }
}
