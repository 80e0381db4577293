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
    TRUSTED_PROXIES("trustedProxies", "", "comma-separated addresses and CIDR ranges (127.0.0.1, ::1, 10.0.0.0/8) of the reverse proxies in front: only from these peers are Forwarded, X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host believed (client address, scheme and host for the same-origin check); empty = none"),
    MAX_ATTACHMENTS("maxAttachments", "10", "largest number of binary attachments in one Socket.IO packet"),
    WEBSOCKET("websocket", "servlet", "WebSocket implementation: servlet = Switchboard's own over the Servlet upgrade API; container = the container's Jakarta WebSocket (@ServerEndpoint)"),
    HANDLE_ON_READ_THREAD("handleOnReadThread", "true", "true = an event is handled on the thread that read it when its connection is idle (handlers must not block); false = always on a worker thread"),
    WORKER_THREADS("workerThreads", "16", "threads that run session work (timers, emits, and packets whose connection is busy)"),
    MAX_CONNECTIONS("maxConnections", "10000", "open Engine.IO sessions at most; a handshake beyond is refused (HTTP 503, WebSocket close 1013)"),
    MAX_POLLS_IN_FLIGHT("maxPollsInFlight", "10000", "long-polling GET requests waiting at once at most; one beyond is refused with HTTP 503"),
    MAX_PACKET_RATE("maxPacketRate", "100", "packets per second one connection may send on average; a connection above it is closed"),
    PACKET_BURST("packetBurst", "200", "packets one connection may send at once before maxPacketRate applies"),
    MAX_BUFFERED_BYTES("maxBufferedBytes", "4194304", "bytes at most waiting to be written to one client (WebSocket outbox, packets waiting for a poll); a client over it is disconnected"),
    COOKIE("cookie", "", "name of a cookie the polling handshake sets to the session id (Path=/; HttpOnly; SameSite=Lax), for load balancers that keep a client on its node by cookie; empty = none"),
    ADAPTER("adapter", "memory", "where rooms live: memory = this node only; redis = several nodes on Redis pub/sub, on the wire of Node's @socket.io/redis-adapter; redis-streams = several nodes on a Redis stream, on the wire of @socket.io/redis-streams-adapter, with connection state recovery across nodes"),
    REDIS_URL("redisUrl", "redis://127.0.0.1:6379", "Redis for adapter=redis and redis-streams: redis://[:password@]host:port[/db], rediss:// for TLS (the password is never shown)"),
    REDIS_KEY("redisKey", "socket.io", "prefix of the Redis channels, and the stream's name with redis-streams; the same on every node of one cluster, Node ones included"),
    REDIS_REQUEST_TIMEOUT("redisRequestTimeout", "5000", "ms to wait for the other nodes' answers (fetchSockets, allRooms)"),
    REDIS_STREAM_COUNT("redisStreamCount", "1", "with redis-streams: streams the namespaces are spread over (Node's streamCount; 1 = one stream named redisKey, n = redisKey-0 ... redisKey-(n-1), a namespace on the one its name hashes to); the same on every node of one cluster"),
    CONNECTION_STATE_RECOVERY("connectionStateRecovery", "false", "true = a client that drops and reconnects within maxDisconnectionDuration gets back its socket id, rooms and attributes, and every event it missed (socket.io-client 4.6+); on any node of a redis-streams cluster, on the same node with memory or redis"),
    MAX_DISCONNECTION_DURATION("maxDisconnectionDuration", "120000", "ms a dropped client's session, and the events it may have missed, are kept for it to recover"),
    SKIP_MIDDLEWARES("skipMiddlewares", "true", "true = a recovered socket is accepted without asking: @OnConnect still runs (recovered() is true) but cannot refuse it; false = @OnConnect may refuse it like a new one"),
    RECOVERY_MAX_PACKETS("recoveryMaxPackets", "10000", "events kept per namespace for recovery at most, the oldest dropped first; a client that missed more starts a new session"),
    ADMIN_TOKEN("adminToken", "", "bearer token for every /api endpoint that needs a credential; empty = those endpoints are refused", true),
    PUBLISH_TOKEN("publishToken", "", "bearer token that may only POST /api/emit; empty = no publisher credential", true),
    ADMIN_UI("adminUi", "off", "the Socket.IO Admin UI (namespace /admin, dashboard at /admin-ui/): off; readonly = watch only; on = also join, leave, emit and disconnect sockets"),
    ADMIN_UI_USERNAME("adminUiUsername", "admin", "login name for the Admin UI"),
    ADMIN_UI_PATH("adminUiPath", "/admin-ui", "where the Admin UI's dashboard is served, under the application's path"),
    ADMIN_UI_MODE("adminUiMode", "production", "production = the Admin UI gets statistics only; development = also every socket, room and event of every namespace (its Sockets, Rooms, Clients and Events pages), a message to each dashboard per event"),
    ADMIN_UI_PASSWORD_HASH("adminUiPasswordHash", "", "bcrypt hash of the Admin UI password ($2a$/$2b$/$2y$, as htpasswd -nbB or bcryptjs write it); required unless adminUi=off", true);

    private final String property;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    Setting(String property, String defaultValue, String description) {
        this(property, defaultValue, description, false);
    }

    Setting(String property, String defaultValue, String description, boolean secret) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    /** The name in {@code /api/info} and the docs, e.g. {@code pingInterval}. */
    public String property() {
        return property;
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

    /** A credential: never logged, shown as "****" wherever settings are listed. */
    public boolean secret() {
        return secret;
    }
}
