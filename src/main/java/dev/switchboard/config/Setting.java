package dev.switchboard.config;

import java.util.Locale;

/**
 * Every setting Switchboard reads, with the names under which it is looked up.
 * Lookup order: environment variable ({@code SWITCHBOARD_PING_INTERVAL}), then system property
 * ({@code switchboard.pingInterval}), then the default.
 */
public enum Setting {
    PING_INTERVAL("pingInterval", "25000", "ms between server pings (Engine.IO heartbeat)"),
    PING_TIMEOUT("pingTimeout", "20000", "ms to wait for a pong before closing the session"),
    MAX_PAYLOAD("maxPayload", "1000000", "largest accepted message or polling body, in bytes"),
    CONNECT_TIMEOUT("connectTimeout", "45000", "ms a client has to join a Socket.IO namespace after the handshake"),
    UPGRADE_TIMEOUT("upgradeTimeout", "10000", "ms a polling client has to complete an upgrade to WebSocket"),
    ALLOWED_ORIGINS("allowedOrigins", "", "comma-separated origins allowed besides the page's own, for WebSocket and CORS; * = any"),
    MAX_ATTACHMENTS("maxAttachments", "10", "largest number of binary attachments in one Socket.IO packet"),
    WORKER_THREADS("workerThreads", "16", "threads that run session work (packets, timers, handlers)");

    private final String property;
    private final String defaultValue;
    private final String description;

    Setting(String property, String defaultValue, String description) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** System property name, e.g. {@code switchboard.pingInterval}. */
    public String systemProperty() {
        return "switchboard." + property;
    }

    /** Environment variable name, e.g. {@code SWITCHBOARD_PING_INTERVAL}. */
    public String environmentVariable() {
        return "SWITCHBOARD_" + property.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
