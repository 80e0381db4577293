package dev.switchboard.config;

/**
 * Connection state recovery: whether a client that drops comes back with its socket, and for how long.
 *
 * @param enabled                  whether sessions are kept and events carry offsets
 * @param maxDisconnectionDuration ms a dropped socket's session and the events it may miss are kept
 * @param skipMiddlewares          whether a recovered socket is accepted without {@code @OnConnect} being able to refuse it
 * @param maxPackets               events kept per namespace at most, the oldest dropped first
 */
public record RecoverySettings(boolean enabled, long maxDisconnectionDuration, boolean skipMiddlewares, int maxPackets) {

    /** Recovery off, other values at their defaults. */
    public static final RecoverySettings OFF = new RecoverySettings(false,
            Long.parseLong(Setting.MAX_DISCONNECTION_DURATION.defaultValue()),
            Boolean.parseBoolean(Setting.SKIP_MIDDLEWARES.defaultValue()),
            Integer.parseInt(Setting.RECOVERY_MAX_PACKETS.defaultValue()));
}
