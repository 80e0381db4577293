package dev.switchboard.config;

import java.util.List;

/**
 * The effective, validated configuration. Immutable; read once at deployment.
 *
 * @param allowedOrigins empty means same origin only; a single {@code "*"} means any origin
 * @param trustedProxies the peers whose forwarding headers are believed; empty means none
 * @param adminToken the admin bearer token, or "" when none is configured (admin endpoints are then refused)
 * @param publishToken the publisher bearer token, or "" when none is configured
 * @param cookie the name of the cookie a polling handshake sets to the session id, or "" for none
 */
public record SwitchboardConfig(
        long pingInterval,
        long pingTimeout,
        int maxPayload,
        long connectTimeout,
        long upgradeTimeout,
        List<String> allowedOrigins,
        List<AddressRange> trustedProxies,
        int maxAttachments,
        int workerThreads,
        int maxConnections,
        int maxPollsInFlight,
        int maxPacketRate,
        int packetBurst,
        int maxBufferedBytes,
        String adminToken,
        String publishToken,
        WebSocketImplementation webSocket,
        boolean handleOnReadThread,
        String cookie,
        ClusterSettings cluster,
        RecoverySettings recovery,
        AdminUiSettings adminUi) {

    public SwitchboardConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        adminToken = adminToken == null ? "" : adminToken;
        publishToken = publishToken == null ? "" : publishToken;
    }

    /** The protocol settings alone; limits and tokens take their defaults. */
    public SwitchboardConfig(long pingInterval, long pingTimeout, int maxPayload, long connectTimeout, long upgradeTimeout,
                             List<String> allowedOrigins, int maxAttachments, int workerThreads) {
        this(pingInterval, pingTimeout, maxPayload, connectTimeout, upgradeTimeout, allowedOrigins, List.of(), maxAttachments,
                workerThreads, defaultInt(Setting.MAX_CONNECTIONS), defaultInt(Setting.MAX_POLLS_IN_FLIGHT),
                defaultInt(Setting.MAX_PACKET_RATE), defaultInt(Setting.PACKET_BURST), defaultInt(Setting.MAX_BUFFERED_BYTES), "", "", WebSocketImplementation.SERVLET, true, "",
                new ClusterSettings(AdapterKind.MEMORY, Setting.REDIS_URL.defaultValue(), Setting.REDIS_KEY.defaultValue(),
                        Long.parseLong(Setting.REDIS_REQUEST_TIMEOUT.defaultValue()), 1), RecoverySettings.OFF, AdminUiSettings.OFF);
    }

    /** Defaults, as documented in docs/configuration.md. */
    public static SwitchboardConfig defaults() {
        return new SettingsReader(name -> null, name -> null).read();
    }

    public boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }

    /**
     * The effective value of a setting as text, as {@code /api/info} lists it; secrets as they are, so callers
     * mask them ({@link Setting#secret()}).
     */
    public String value(Setting setting) {
        return switch (setting) {
            case PING_INTERVAL -> String.valueOf(pingInterval);
            case PING_TIMEOUT -> String.valueOf(pingTimeout);
            case MAX_PAYLOAD -> String.valueOf(maxPayload);
            case CONNECT_TIMEOUT -> String.valueOf(connectTimeout);
            case UPGRADE_TIMEOUT -> String.valueOf(upgradeTimeout);
            case ALLOWED_ORIGINS -> String.join(",", allowedOrigins);
            case TRUSTED_PROXIES -> String.join(",", trustedProxies.stream().map(AddressRange::toString).toList());
            case MAX_ATTACHMENTS -> String.valueOf(maxAttachments);
            case WORKER_THREADS -> String.valueOf(workerThreads);
            case MAX_CONNECTIONS -> String.valueOf(maxConnections);
            case MAX_POLLS_IN_FLIGHT -> String.valueOf(maxPollsInFlight);
            case MAX_PACKET_RATE -> String.valueOf(maxPacketRate);
            case PACKET_BURST -> String.valueOf(packetBurst);
            case MAX_BUFFERED_BYTES -> String.valueOf(maxBufferedBytes);
            case ADMIN_TOKEN -> adminToken;
            case PUBLISH_TOKEN -> publishToken;
            case WEBSOCKET -> webSocket.value();
            case HANDLE_ON_READ_THREAD -> String.valueOf(handleOnReadThread);
            case COOKIE -> cookie;
            case ADAPTER -> cluster.adapter().value();
            case REDIS_URL -> cluster.redisUrlForDisplay();
            case REDIS_KEY -> cluster.redisKey();
            case REDIS_REQUEST_TIMEOUT -> String.valueOf(cluster.redisRequestTimeout());
            case REDIS_STREAM_COUNT -> String.valueOf(cluster.streamCount());
            case CONNECTION_STATE_RECOVERY -> String.valueOf(recovery.enabled());
            case MAX_DISCONNECTION_DURATION -> String.valueOf(recovery.maxDisconnectionDuration());
            case SKIP_MIDDLEWARES -> String.valueOf(recovery.skipMiddlewares());
            case RECOVERY_MAX_PACKETS -> String.valueOf(recovery.maxPackets());
            case ADMIN_UI -> adminUi.access().value();
            case ADMIN_UI_USERNAME -> adminUi.username();
            case ADMIN_UI_MODE -> adminUi.development() ? "development" : "production";
            case ADMIN_UI_PATH -> adminUi.path();
            case ADMIN_UI_PASSWORD_HASH -> adminUi.passwordHash();
        };
    }

    /** Never prints a token: records print every component, and configurations end up in logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SwitchboardConfig[");
        for (Setting setting : Setting.values()) {
            String value = value(setting);
            text.append(setting == Setting.values()[0] ? "" : ", ").append(setting.property()).append('=')
                    .append(setting.secret() && !value.isEmpty() ? "****" : value);
        }
        return text.append(']').toString();
    }

    private static int defaultInt(Setting setting) {
        return Integer.parseInt(setting.defaultValue());
    }
}
