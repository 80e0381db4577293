package dev.switchboard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsReaderTest {
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> systemProperties = new HashMap<>();
    private final SettingsReader reader = new SettingsReader(environment::get, systemProperties::get);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        SwitchboardConfig config = reader.read();

        assertEquals(new SwitchboardConfig(25000, 20000, 1_000_000, 45000, 10000, List.of(), 10, 16), config);
        assertEquals(config, SwitchboardConfig.defaults());
        assertFalse(config.anyOrigin());
    }

    @Test
    void systemPropertySetsAValue() {
        systemProperties.put("switchboard.pingInterval", "1500");
        systemProperties.put("switchboard.maxPayload", "100000");

        SwitchboardConfig config = reader.read();

        assertEquals(1500, config.pingInterval());
        assertEquals(100000, config.maxPayload());
        assertEquals(20000, config.pingTimeout());
    }

    @Test
    void environmentVariableBeatsSystemProperty() {
        systemProperties.put("switchboard.pingTimeout", "1000");
        environment.put("SWITCHBOARD_PING_TIMEOUT", "3000");

        assertEquals(3000, reader.read().pingTimeout());
        assertEquals("3000", reader.raw(Setting.PING_TIMEOUT));
    }

    @Test
    void webSocketIsSwitchboardsOwnUnlessTheContainersIsChosen() {
        assertEquals(WebSocketImplementation.SERVLET, reader.read().webSocket());
        environment.put("SWITCHBOARD_WEBSOCKET", "Container");
        assertEquals(WebSocketImplementation.CONTAINER, reader.read().webSocket());
        assertEquals("container", reader.read().value(Setting.WEBSOCKET));
    }

    @Test
    void oneNodeInMemoryUnlessRedisIsChosenAndARedisPasswordIsNeverShown() {
        assertEquals(AdapterKind.MEMORY, reader.read().cluster().adapter());
        environment.put("SWITCHBOARD_ADAPTER", "redis");
        environment.put("SWITCHBOARD_REDIS_URL", "redis://:s3cret-password@redis.internal:6380/2");
        SwitchboardConfig config = reader.read();
        assertEquals(AdapterKind.REDIS, config.cluster().adapter());
        assertEquals("redis://:s3cret-password@redis.internal:6380/2", config.cluster().redisUrl());
        assertEquals("redis://****@redis.internal:6380/2", config.value(Setting.REDIS_URL));
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertEquals("socket.io", config.cluster().redisKey());
        assertEquals(5000, config.cluster().redisRequestTimeout());
        environment.put("SWITCHBOARD_ADAPTER", "redis-streams");
        assertEquals(AdapterKind.REDIS_STREAMS, reader.read().cluster().adapter());
        assertEquals("redis-streams", reader.read().value(Setting.ADAPTER));
    }

    @Test
    void anUnknownAdapterOrARedisUrlOfAnotherSchemeStopsTheDeploymentWithoutRepeatingTheUrl() {
        environment.put("SWITCHBOARD_ADAPTER", "hazelcast");
        assertTrue(assertThrows(ConfigurationException.class, reader::read).getMessage().contains("memory, redis or redis-streams"));
        environment.put("SWITCHBOARD_ADAPTER", "redis");
        environment.put("SWITCHBOARD_REDIS_URL", "http://user:s3cret@host");
        ConfigurationException refused = assertThrows(ConfigurationException.class, reader::read);
        assertTrue(refused.getMessage().contains("SWITCHBOARD_REDIS_URL"), refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cret"), refused.getMessage());
    }

    @Test
    void oneStreamUnlessSeveralAreAskedForAndANamespaceGoesToTheOneNodeWouldPick() {
        assertEquals(1, reader.read().cluster().streamCount());
        assertEquals("socket.io", reader.read().cluster().streamName("/chat"));
        environment.put("SWITCHBOARD_REDIS_STREAM_COUNT", "3");
        environment.put("SWITCHBOARD_REDIS_KEY", "app");
        ClusterSettings three = reader.read().cluster();
        assertEquals("3", reader.read().value(Setting.REDIS_STREAM_COUNT));
        // the indices of @socket.io/redis-streams-adapter 0.3.1's hashCode(name) % streamCount, worked out by Node
        assertEquals("app-2", three.streamName("/"));
        assertEquals("app-1", three.streamName("/chat"));
        assertEquals("app-2", three.streamName("/orders"));
        assertEquals("app-1", three.streamName("/chat/éü"));
        assertEquals("app--2", three.streamName("/notifications"), "a negative hash keeps its sign, as in Node");
        for (String refused : new String[] {"0", "-1", "65", "two"}) {
            environment.put("SWITCHBOARD_REDIS_STREAM_COUNT", refused);
            assertTrue(assertThrows(ConfigurationException.class, reader::read).getMessage()
                    .contains("SWITCHBOARD_REDIS_STREAM_COUNT"), refused);
        }
    }

    @Test
    void noProxyIsTrustedUntilNamedAndANameIsRefused() {
        assertEquals(List.of(), reader.read().trustedProxies());
        environment.put("SWITCHBOARD_TRUSTED_PROXIES", " 127.0.0.1, ::1 ,10.0.0.0/8");
        SwitchboardConfig config = reader.read();
        assertEquals(List.of(AddressRange.parse("127.0.0.1"), AddressRange.parse("::1"), AddressRange.parse("10.0.0.0/8")),
                config.trustedProxies());
        assertEquals("127.0.0.1/32,0:0:0:0:0:0:0:1/128,10.0.0.0/8", config.value(Setting.TRUSTED_PROXIES));
        environment.put("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1,proxy.internal");
        ConfigurationException refused = assertThrows(ConfigurationException.class, reader::read);
        assertTrue(refused.getMessage().contains("SWITCHBOARD_TRUSTED_PROXIES") && refused.getMessage().contains("proxy.internal"),
                refused.getMessage());
    }

    @Test
    void connectionStateRecoveryIsOffUntilSwitchedOnAndKeepsSessionsTwoMinutes() {
        assertEquals(RecoverySettings.OFF, reader.read().recovery());
        assertEquals(new RecoverySettings(false, 120_000, true, 10_000), RecoverySettings.OFF);
        environment.put("SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true");
        environment.put("SWITCHBOARD_MAX_DISCONNECTION_DURATION", "30000");
        environment.put("SWITCHBOARD_SKIP_MIDDLEWARES", "false");
        environment.put("SWITCHBOARD_RECOVERY_MAX_PACKETS", "500");
        assertEquals(new RecoverySettings(true, 30_000, false, 500), reader.read().recovery());
        environment.put("SWITCHBOARD_CONNECTION_STATE_RECOVERY", "yes");
        assertTrue(assertThrows(ConfigurationException.class, reader::read).getMessage()
                .contains("SWITCHBOARD_CONNECTION_STATE_RECOVERY"));
        environment.put("SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true");
        environment.put("SWITCHBOARD_MAX_DISCONNECTION_DURATION", "0");
        assertTrue(assertThrows(ConfigurationException.class, reader::read).getMessage()
                .contains("SWITCHBOARD_MAX_DISCONNECTION_DURATION"));
    }

    @Test
    void theHandshakeCookieIsOffUnlessNamed() {
        assertEquals("", reader.read().cookie());
        environment.put("SWITCHBOARD_COOKIE", "io");
        assertEquals("io", reader.read().cookie());
        environment.put("SWITCHBOARD_COOKIE", "io; Domain=evil");
        assertThrows(ConfigurationException.class, reader::read);
    }

    @Test
    void anUnknownWebSocketImplementationStopsTheDeployment() {
        systemProperties.put("switchboard.websocket", "tyrus");
        ConfigurationException refused = assertThrows(ConfigurationException.class, reader::read);
        assertTrue(refused.getMessage().contains("SWITCHBOARD_WEBSOCKET"), refused.getMessage());
        assertTrue(refused.getMessage().contains("servlet or container"), refused.getMessage());
    }

    @Test
    void handlingOnTheReadThreadCanBeTurnedOffAndNothingElseIsABoolean() {
        assertTrue(reader.read().handleOnReadThread());
        environment.put("SWITCHBOARD_HANDLE_ON_READ_THREAD", "FALSE");
        assertFalse(reader.read().handleOnReadThread());
        environment.put("SWITCHBOARD_HANDLE_ON_READ_THREAD", "no");
        ConfigurationException refused = assertThrows(ConfigurationException.class, reader::read);
        assertTrue(refused.getMessage().contains("true or false"), refused.getMessage());
    }

    @Test
    void valuesAreTrimmed() {
        environment.put("SWITCHBOARD_UPGRADE_TIMEOUT", " 2000 ");

        assertEquals(2000, reader.read().upgradeTimeout());
    }

    @Test
    void environmentVariableNamesAreTheSettingInScreamingSnakeCase() {
        assertEquals("SWITCHBOARD_PING_INTERVAL", Setting.PING_INTERVAL.environmentVariable());
        assertEquals("SWITCHBOARD_MAX_PAYLOAD", Setting.MAX_PAYLOAD.environmentVariable());
        assertEquals("SWITCHBOARD_ALLOWED_ORIGINS", Setting.ALLOWED_ORIGINS.environmentVariable());
        assertEquals("SWITCHBOARD_WORKER_THREADS", Setting.WORKER_THREADS.environmentVariable());
        assertEquals("switchboard.allowedOrigins", Setting.ALLOWED_ORIGINS.systemProperty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "", "25s", "99999999999999999999"})
    void invalidNumberFailsNamingTheSetting(String value) {
        environment.put("SWITCHBOARD_PING_INTERVAL", value);

        var error = assertThrows(ConfigurationException.class, reader::read);

        assertTrue(error.getMessage().contains("SWITCHBOARD_PING_INTERVAL"), error.getMessage());
        assertTrue(error.getMessage().contains("switchboard.pingInterval"), error.getMessage());
        assertTrue(error.getMessage().contains("'" + value.trim() + "'"), error.getMessage());
    }

    @Test
    void invalidSystemPropertyFailsNamingTheSetting() {
        systemProperties.put("switchboard.maxPayload", "lots");

        var error = assertThrows(ConfigurationException.class, reader::read);

        assertTrue(error.getMessage().contains("SWITCHBOARD_MAX_PAYLOAD"), error.getMessage());
        assertTrue(error.getMessage().contains("'lots'"), error.getMessage());
    }

    @Test
    void validEnvironmentVariableHidesAnInvalidSystemProperty() {
        systemProperties.put("switchboard.pingInterval", "soon");
        environment.put("SWITCHBOARD_PING_INTERVAL", "1500");

        assertEquals(1500, reader.read().pingInterval());
    }

    @Test
    void allowedOriginsAreACommaSeparatedList() {
        environment.put("SWITCHBOARD_ALLOWED_ORIGINS", " http://a.example/ , https://b.example:8443,,");

        assertEquals(List.of("http://a.example", "https://b.example:8443"), reader.read().allowedOrigins());
    }

    @Test
    void starMeansAnyOrigin() {
        systemProperties.put("switchboard.allowedOrigins", "*");

        assertTrue(reader.read().anyOrigin());
    }

    @ParameterizedTest
    @ValueSource(strings = {"allowed.example", "ftp://a.example", "http://a.example/app", "http://a.example, evil", "http://"})
    void invalidOriginFailsNamingTheSetting(String value) {
        environment.put("SWITCHBOARD_ALLOWED_ORIGINS", value);

        var error = assertThrows(ConfigurationException.class, reader::read);

        assertTrue(error.getMessage().contains("SWITCHBOARD_ALLOWED_ORIGINS"), error.getMessage());
    }

    @Test
    void limitsAboveTheirRangeAreCapped() {
        environment.put("SWITCHBOARD_MAX_PAYLOAD", "9999999999");
        environment.put("SWITCHBOARD_WORKER_THREADS", "100000");

        SwitchboardConfig config = reader.read();

        assertEquals(Integer.MAX_VALUE, config.maxPayload());
        assertEquals(1024, config.workerThreads());
    }

    @Test
    void theAdminUiIsOffUnlessSetAndNeedsABcryptHashWhenOn() {
        assertEquals(AdminUiSettings.OFF, reader.read().adminUi());
        environment.put("SWITCHBOARD_ADMIN_UI", "readonly");
        ConfigurationException missing = assertThrows(ConfigurationException.class, reader::read);
        assertTrue(missing.getMessage().contains("SWITCHBOARD_ADMIN_UI_PASSWORD_HASH"), missing.getMessage());
        environment.put("SWITCHBOARD_ADMIN_UI_PASSWORD_HASH", "plain-text-password");
        ConfigurationException plain = assertThrows(ConfigurationException.class, reader::read);
        assertFalse(plain.getMessage().contains("plain-text-password"), "the value is not repeated: " + plain.getMessage());
        String hash = "$2y$10$" + "a".repeat(53);
        environment.put("SWITCHBOARD_ADMIN_UI_PASSWORD_HASH", hash);
        assertEquals(new AdminUiSettings(AdminUiSettings.Access.READONLY, "admin", hash, false, "/admin-ui"), reader.read().adminUi());
        environment.put("SWITCHBOARD_ADMIN_UI_MODE", "development");
        assertTrue(reader.read().adminUi().development());
        environment.put("SWITCHBOARD_ADMIN_UI_PATH", "/ops/dashboard");
        assertEquals("/ops/dashboard", reader.read().adminUi().path());
        for (String wrong : new String[] {"ops", "/ops/", "/api", "/socket.io/x", "/a/../b", "/"}) {
            environment.put("SWITCHBOARD_ADMIN_UI_PATH", wrong);
            assertThrows(ConfigurationException.class, reader::read, wrong);
        }
        environment.remove("SWITCHBOARD_ADMIN_UI_PATH");
        environment.put("SWITCHBOARD_ADMIN_UI", "sometimes");
        assertThrows(ConfigurationException.class, reader::read);
    }
}
