package dev.switchboard.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitAndTokenSettingsTest {
    private static final String TOKEN = "0123456789abcdef-token";

    @Test
    void limitsAndTokensHaveDefaults() {
        SwitchboardConfig config = SwitchboardConfig.defaults();
        assertEquals(10000, config.maxConnections());
        assertEquals(10000, config.maxPollsInFlight());
        assertEquals(100, config.maxPacketRate());
        assertEquals(200, config.packetBurst());
        assertEquals(4_194_304, config.maxBufferedBytes());
        assertEquals("", config.adminToken());
        assertEquals("", config.publishToken());
    }

    @Test
    void shortTokensAreRefusedWithoutShowingThem() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> read(Map.of("SWITCHBOARD_ADMIN_TOKEN", "secret123"), Map.of()));
        assertTrue(error.getMessage().contains("SWITCHBOARD_ADMIN_TOKEN"));
        assertFalse(error.getMessage().contains("secret123"));
    }

    @Test
    void adminAndPublishTokensMustDiffer() {
        assertThrows(ConfigurationException.class,
                () -> read(Map.of("SWITCHBOARD_ADMIN_TOKEN", TOKEN, "SWITCHBOARD_PUBLISH_TOKEN", TOKEN), Map.of()));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(ConfigurationException.class, () -> read(Map.of("SWITCHBOARD_MAX_PACKET_RATE", "0"), Map.of()));
        assertThrows(ConfigurationException.class, () -> read(Map.of("SWITCHBOARD_PACKET_BURST", "lots"), Map.of()));
    }

    @Test
    void theBufferLimitMustHoldAtLeastOneMessageOfMaxPayload() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> read(Map.of("SWITCHBOARD_MAX_BUFFERED_BYTES", "1000", "SWITCHBOARD_MAX_PAYLOAD", "2000"), Map.of()));
        assertTrue(error.getMessage().contains("SWITCHBOARD_MAX_BUFFERED_BYTES"));
        assertEquals(5000, read(Map.of("SWITCHBOARD_MAX_BUFFERED_BYTES", "5000", "SWITCHBOARD_MAX_PAYLOAD", "2000"), Map.of())
                .maxBufferedBytes());
        assertEquals(8_000_000, read(Map.of("SWITCHBOARD_MAX_PAYLOAD", "8000000"), Map.of()).maxBufferedBytes(),
                "unset, it follows a larger maxPayload");
    }

    @Test
    void printedConfigurationMasksTokens() {
        SwitchboardConfig config = read(Map.of("SWITCHBOARD_PUBLISH_TOKEN", TOKEN), Map.of());
        assertFalse(config.toString().contains(TOKEN));
        assertTrue(config.toString().contains("publishToken=****"));
        assertTrue(config.toString().contains("adminToken=,"));
    }

    @Test
    void everySettingHasAnEffectiveValueAndNames() {
        SwitchboardConfig config = SwitchboardConfig.defaults();
        for (Setting setting : Setting.values()) {
            assertEquals(setting.defaultValue(), config.value(setting), setting.name());
        }
        assertEquals("SWITCHBOARD_MAX_POLLS_IN_FLIGHT", Setting.MAX_POLLS_IN_FLIGHT.environmentVariable());
        assertEquals("switchboard.adminToken", Setting.ADMIN_TOKEN.systemProperty());
        assertTrue(Setting.ADMIN_TOKEN.secret() && Setting.PUBLISH_TOKEN.secret() && !Setting.MAX_CONNECTIONS.secret());
    }

    private static SwitchboardConfig read(Map<String, String> environment, Map<String, String> properties) {
        return new SettingsReader(environment::get, properties::get).read();
    }
}
