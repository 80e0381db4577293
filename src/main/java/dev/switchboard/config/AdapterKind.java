package dev.switchboard.config;

import java.util.Locale;

/** Where rooms live and how broadcasts reach other nodes: setting {@code adapter}. */
public enum AdapterKind {
    /** This node only. */
    MEMORY,
    /** Several nodes on Redis pub/sub, on the wire of Node's {@code @socket.io/redis-adapter}. */
    REDIS;

    /** The setting's value, e.g. {@code redis}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
