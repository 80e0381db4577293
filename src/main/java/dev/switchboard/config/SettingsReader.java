package dev.switchboard.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads {@link Setting}s from the environment, then system properties, then defaults, and validates them.
 * The two sources are functions so tests can supply their own.
 */
public final class SettingsReader {
    static final int MIN_TOKEN_LENGTH = 16;
    static final int MAX_STREAMS = 64;
    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public SettingsReader(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static SettingsReader fromProcess() {
        return new SettingsReader(System::getenv, System::getProperty);
    }

    /** @throws ConfigurationException naming the first invalid setting */
    public SwitchboardConfig read() {
        long pingInterval = positiveLong(Setting.PING_INTERVAL);
        long pingTimeout = positiveLong(Setting.PING_TIMEOUT);
        int maxPayload = (int) Math.min(Integer.MAX_VALUE, positiveLong(Setting.MAX_PAYLOAD));
        long connectTimeout = positiveLong(Setting.CONNECT_TIMEOUT);
        long upgradeTimeout = positiveLong(Setting.UPGRADE_TIMEOUT);
        List<String> origins = origins(Setting.ALLOWED_ORIGINS);
        List<AddressRange> trustedProxies = addressRanges(Setting.TRUSTED_PROXIES);
        int maxAttachments = (int) Math.min(Integer.MAX_VALUE, positiveLong(Setting.MAX_ATTACHMENTS));
        int workerThreads = (int) Math.min(1024, positiveLong(Setting.WORKER_THREADS));
        int maxConnections = positiveInt(Setting.MAX_CONNECTIONS);
        int maxPollsInFlight = positiveInt(Setting.MAX_POLLS_IN_FLIGHT);
        int maxPacketRate = positiveInt(Setting.MAX_PACKET_RATE);
        int packetBurst = positiveInt(Setting.PACKET_BURST);
        // a client must be able to receive at least one message of the size it may send (an echo, an ack): unset,
        // the limit follows a larger maxPayload; set, it may not be below it
        int maxBufferedBytes = positiveInt(Setting.MAX_BUFFERED_BYTES);
        if (maxBufferedBytes < maxPayload) {
            if (isSet(Setting.MAX_BUFFERED_BYTES)) {
                throw invalid(Setting.MAX_BUFFERED_BYTES, raw(Setting.MAX_BUFFERED_BYTES),
                        "at least maxPayload (" + maxPayload + ")");
            }
            maxBufferedBytes = maxPayload;
        }
        String adminToken = token(Setting.ADMIN_TOKEN);
        String publishToken = token(Setting.PUBLISH_TOKEN);
        if (!adminToken.isEmpty() && adminToken.equals(publishToken)) {
            throw new ConfigurationException("Invalid Switchboard settings " + Setting.ADMIN_TOKEN.environmentVariable()
                    + " and " + Setting.PUBLISH_TOKEN.environmentVariable() + ": the two tokens must differ");
        }
        return new SwitchboardConfig(pingInterval, pingTimeout, maxPayload, connectTimeout, upgradeTimeout,
                origins, trustedProxies, maxAttachments, workerThreads, maxConnections, maxPollsInFlight, maxPacketRate, packetBurst,
                maxBufferedBytes, adminToken, publishToken, webSocket(), bool(Setting.HANDLE_ON_READ_THREAD), cookie(), cluster(), recovery(), adminUi());
    }

    private String cookie() {
        String name = raw(Setting.COOKIE);
        if (!name.isEmpty() && !name.matches("[A-Za-z0-9_.-]+")) {
            throw invalid(Setting.COOKIE, name, "a cookie name (letters, digits, _ . -) or empty");
        }
        return name;
    }

    private ClusterSettings cluster() {
        String rawAdapter = raw(Setting.ADAPTER);
        AdapterKind adapter = null;
        for (AdapterKind kind : AdapterKind.values()) {
            if (kind.value().equalsIgnoreCase(rawAdapter)) {
                adapter = kind;
            }
        }
        if (adapter == null) {
            throw invalid(Setting.ADAPTER, rawAdapter, "memory, redis or redis-streams");
        }
        String url = raw(Setting.REDIS_URL);
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
            // the value itself may hold a password: not repeated
            throw new ConfigurationException("Invalid Switchboard setting " + Setting.REDIS_URL.environmentVariable()
                    + ": expected redis://host:port or rediss://host:port");
        }
        String key = raw(Setting.REDIS_KEY);
        if (key.isEmpty() || key.contains("#")) {
            throw invalid(Setting.REDIS_KEY, key, "a non-empty prefix without '#'");
        }
        int streamCount = positiveInt(Setting.REDIS_STREAM_COUNT);
        if (streamCount > MAX_STREAMS) {
            // each stream is read on a Redis connection of its own
            throw invalid(Setting.REDIS_STREAM_COUNT, raw(Setting.REDIS_STREAM_COUNT), "a whole number from 1 to " + MAX_STREAMS);
        }
        return new ClusterSettings(adapter, url, key, positiveLong(Setting.REDIS_REQUEST_TIMEOUT), streamCount);
    }

    private AdminUiSettings adminUi() {
        String raw = raw(Setting.ADMIN_UI);
        AdminUiSettings.Access access = null;
        for (AdminUiSettings.Access candidate : AdminUiSettings.Access.values()) {
            if (candidate.value().equalsIgnoreCase(raw)) {
                access = candidate;
            }
        }
        if (access == null) {
            throw invalid(Setting.ADMIN_UI, raw, "off, readonly or on");
        }
        String username = raw(Setting.ADMIN_UI_USERNAME);
        String hash = raw(Setting.ADMIN_UI_PASSWORD_HASH);
        if (access != AdminUiSettings.Access.OFF && username.isEmpty()) {
            throw invalid(Setting.ADMIN_UI_USERNAME, username, "a login name");
        }
        if (access != AdminUiSettings.Access.OFF && !hash.matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            // the value is not repeated: a hash is as good as a password to an offline attack
            throw new ConfigurationException("Invalid Switchboard setting " + Setting.ADMIN_UI_PASSWORD_HASH.environmentVariable()
                    + ": expected a bcrypt hash ($2a$, $2b$ or $2y$, cost, 53 characters), as `htpasswd -nbB admin <password>` prints after the colon");
        }
        String mode = raw(Setting.ADMIN_UI_MODE);
        if (!mode.equalsIgnoreCase("production") && !mode.equalsIgnoreCase("development")) {
            throw invalid(Setting.ADMIN_UI_MODE, mode, "production or development");
        }
        String path = raw(Setting.ADMIN_UI_PATH);
        if (!path.matches("(/[A-Za-z0-9._~-]+)+") || path.matches(".*/\\.+(/.*)?")
                || path.equals("/api") || path.startsWith("/api/") || path.equals("/socket.io") || path.startsWith("/socket.io/")) {
            throw invalid(Setting.ADMIN_UI_PATH, path, "a path such as /admin-ui (letters, digits, . _ ~ -, no trailing slash; not /api or /socket.io)");
        }
        return new AdminUiSettings(access, username, hash, mode.equalsIgnoreCase("development"), path);
    }

    private RecoverySettings recovery() {
        return new RecoverySettings(bool(Setting.CONNECTION_STATE_RECOVERY), positiveLong(Setting.MAX_DISCONNECTION_DURATION),
                bool(Setting.SKIP_MIDDLEWARES), positiveInt(Setting.RECOVERY_MAX_PACKETS));
    }

    /** The {@code websocket} setting alone, for code the container runs before CDI (the endpoint configuration). */
    public WebSocketImplementation webSocket() {
        String raw = raw(Setting.WEBSOCKET);
        for (WebSocketImplementation implementation : WebSocketImplementation.values()) {
            if (implementation.value().equalsIgnoreCase(raw)) {
                return implementation;
            }
        }
        throw invalid(Setting.WEBSOCKET, raw, "servlet or container");
    }

    /** The raw value and where it came from, for error messages and the startup summary. */
    public String raw(Setting setting) {
        String value = environment.apply(setting.environmentVariable());
        if (value == null) {
            value = systemProperties.apply(setting.systemProperty());
        }
        return value == null ? setting.defaultValue() : value.trim();
    }

    private boolean isSet(Setting setting) {
        return environment.apply(setting.environmentVariable()) != null || systemProperties.apply(setting.systemProperty()) != null;
    }

    private boolean bool(Setting setting) {
        String raw = raw(setting);
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw invalid(setting, raw, "true or false");
    }

    private long positiveLong(Setting setting) {
        String raw = raw(setting);
        try {
            long value = Long.parseLong(raw);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with the setting's name
        }
        throw invalid(setting, raw, "a positive whole number");
    }

    private int positiveInt(Setting setting) {
        return (int) Math.min(Integer.MAX_VALUE, positiveLong(setting));
    }

    /** Empty (none configured), or at least {@value #MIN_TOKEN_LENGTH} visible characters: a short token can be guessed. */
    private String token(Setting setting) {
        String raw = raw(setting);
        if (raw.isEmpty() || (raw.length() >= MIN_TOKEN_LENGTH && raw.chars().allMatch(c -> c > ' ' && c < 127))) {
            return raw;
        }
        // the message names the setting but never shows the value
        throw new ConfigurationException("Invalid Switchboard setting " + setting.environmentVariable() + " / "
                + setting.systemProperty() + ": expected at least " + MIN_TOKEN_LENGTH
                + " printable ASCII characters without spaces (value not shown)");
    }

    private List<AddressRange> addressRanges(Setting setting) {
        String raw = raw(setting);
        try {
            return Arrays.stream(raw.split(","))
                    .map(String::trim)
                    .filter(entry -> !entry.isEmpty())
                    .map(AddressRange::parse)
                    .toList();
        } catch (IllegalArgumentException invalid) {
            throw invalid(setting, raw, "a comma-separated list of IP addresses and CIDR ranges like 127.0.0.1, ::1, 10.0.0.0/8 ("
                    + invalid.getMessage() + ")");
        }
    }

    private List<String> origins(Setting setting) {
        String raw = raw(setting);
        List<String> origins = Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
                .toList();
        for (String origin : origins) {
            if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                throw invalid(setting, raw, "a comma-separated list of origins like https://app.example.com, or *");
            }
        }
        return origins;
    }

    private ConfigurationException invalid(Setting setting, String raw, String expected) {
        return new ConfigurationException("Invalid Switchboard setting " + setting.environmentVariable()
                + " / " + setting.systemProperty() + " = '" + raw + "': expected " + expected);
    }
}
