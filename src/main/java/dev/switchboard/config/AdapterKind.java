package dev.switchboard.config;

/** Where rooms live and how broadcasts reach other nodes: setting {@code adapter}. */
public enum AdapterKind {
    /** This node only. */
    MEMORY("memory"),
    /** Several nodes on Redis pub/sub, on the wire of Node's {@code @socket.io/redis-adapter}. */
    REDIS("redis"),
    /**
     * Several nodes on a Redis stream, on the wire of Node's {@code @socket.io/redis-streams-adapter}: what
     * connection state recovery needs across nodes.
     */
    REDIS_STREAMS("redis-streams");

    private final String value;

    AdapterKind(String value) {
        this.value = value;
    }

    /** The setting's value, e.g. {@code redis-streams}. */
    public String value() {
        return value;
    }

    /** Whether this kind joins a cluster through Redis. */
    public boolean onRedis() {
        return this != MEMORY;
    }
}
