package dev.switchboard.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads {@link Setting}s from the environment, then system properties, then defaults, and validates them.
 * The two sources are functions so tests can supply their own.
 */
public final class SettingsReader {
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
        int maxAttachments = (int) Math.min(Integer.MAX_VALUE, positiveLong(Setting.MAX_ATTACHMENTS));
        int workerThreads = (int) Math.min(1024, positiveLong(Setting.WORKER_THREADS));
        return new SwitchboardConfig(pingInterval, pingTimeout, maxPayload, connectTimeout, upgradeTimeout,
                origins, maxAttachments, workerThreads);
    }

    /** The raw value and where it came from, for error messages and the startup summary. */
    public String raw(Setting setting) {
        String value = environment.apply(setting.environmentVariable());
        if (value == null) {
            value = systemProperties.apply(setting.systemProperty());
        }
        return value == null ? setting.defaultValue() : value.trim();
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
