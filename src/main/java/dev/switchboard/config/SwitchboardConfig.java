package dev.switchboard.config;

import java.util.List;

/**
 * The effective, validated configuration. Immutable; read once at deployment.
 *
 * @param allowedOrigins empty means same origin only; a single {@code "*"} means any origin
 */
public record SwitchboardConfig(
        long pingInterval,
        long pingTimeout,
        int maxPayload,
        long connectTimeout,
        long upgradeTimeout,
        List<String> allowedOrigins,
        int maxAttachments,
        int workerThreads) {

    public SwitchboardConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** Defaults, as documented in the README. */
    public static SwitchboardConfig defaults() {
        return new SettingsReader(name -> null, name -> null).read();
    }

    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }
}
