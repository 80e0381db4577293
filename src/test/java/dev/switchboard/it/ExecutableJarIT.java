package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FreePort;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.NodeTests;
import dev.switchboard.it.support.PollingClient;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * target/switchboard.jar as a user runs it: {@code java -jar}, no arguments, the port and Switchboard's settings
 * from the environment. Plain JUnit: the jar is its own server, started here on a free loopback port and
 * stopped by its PID. Its output goes to target/executable-jar.log.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExecutableJarIT {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Process server;
    private static URI base;
    /** The handshake's HTTP statuses while the jar started, each change once (awaitApplication). */
    private static final List<Integer> STARTUP_ANSWERS = new ArrayList<>();

    @BeforeAll
    static void startJar() throws Exception {
        Path jar = Path.of(System.getProperty("switchboard.jar", "target/switchboard.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " missing: the package phase builds it");
        Path tmp = Files.createDirectories(Path.of("target", "tmp", "executable-jar"));
        int port = FreePort.onLoopback();
        base = URI.create("http://127.0.0.1:" + port + "/");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "executable-jar.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("payaramicro_port", String.valueOf(port)); // Payara Micro's own variable for --port
        // the container tests' settings, here as environment variables (the WAR reads both)
        env.put("SWITCHBOARD_PING_INTERVAL", "1500");
        env.put("SWITCHBOARD_PING_TIMEOUT", "1000");
        env.put("SWITCHBOARD_UPGRADE_TIMEOUT", "2000");
        env.put("SWITCHBOARD_CONNECT_TIMEOUT", "3000");
        // as behind a proxy on the same machine: every peer here is 127.0.0.1, so its forwarding headers count
        env.put("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1,::1");
        env.put("SWITCHBOARD_ADMIN_TOKEN", Api.ADMIN_TOKEN);
        server = builder.start();
        awaitApplication();
    }

    @AfterAll
    static void stopJar() throws InterruptedException {
        if (server == null) {
            return;
        }
        long pid = server.pid();
        server.destroy(); // SIGTERM to that PID: Payara Micro's shutdown hook undeploys and stops
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(!server.isAlive(), "executable jar (pid " + pid + ") did not stop");
    }

    @Test
    void itsStartFitsOnAScreenAndEndsWithWhereSwitchboardIsReady() throws Exception {
        // the jar serves api/info (awaitApplication) once deployed; the ready line is written just before that
        List<String> lines = Files.readAllLines(Path.of("target", "executable-jar.log"));
        int ready = -1;
        for (int i = 0; i < lines.size() && ready < 0; i++) {
            if (lines.get(i).contains("Switchboard ready: " + base + " (console)")) {
                ready = i;
            }
        }
        assertTrue(ready >= 0, "no line 'Switchboard ready: " + base + " (console)…' in target/executable-jar.log");
        assertTrue(ready < 40, "the start took " + (ready + 1) + " lines, more than a screen");
        assertTrue(lines.stream().noneMatch(line -> line.contains("has expired")),
                "the bundled trust store's expired certificates are not the operator's problem");
    }

    @Test
    void whileItStartsTheHandshakeGetsOnlyRefusalsAClientRetries() {
        // Payara Micro answers for the application until it is deployed: 404 (no such context), 503 (loading) and
        // an empty 500 (starting). Switchboard's code runs only once deployed, so these are the container's; every
        // Socket.IO client treats them as a failed attempt and retries (docs/deploying.md, "While it starts").
        assertEquals(200, STARTUP_ANSWERS.get(STARTUP_ANSWERS.size() - 1), STARTUP_ANSWERS.toString());
        List<Integer> before = STARTUP_ANSWERS.subList(0, STARTUP_ANSWERS.size() - 1);
        assertTrue(List.of(404, 500, 503).containsAll(before), "during start-up the handshake got " + STARTUP_ANSWERS);
    }

    @Test
    void servesTheConsolePageAtTheRoot() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Switchboard console"), page.body());
    }

    @Test
    void servesTheFrontEndModulesAsJavaScript() throws Exception {
        for (String path : List.of("js/socket-service.js", "js/vendor/socket.io.esm.min.js")) {
            HttpResponse<String> script = get(path);
            assertEquals(200, script.statusCode(), path);
            String type = script.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.matches("(?i)(text|application)/javascript.*"), path + " served as '" + type + "'");
        }
    }

    @Test
    void readsSwitchboardSettingsFromTheEnvironment() throws Exception {
        HttpResponse<String> info = get("api/info");
        assertEquals(200, info.statusCode());
        JSONObject config = new JSONObject(info.body()).getJSONObject("config");
        assertEquals(1500, config.getInt("pingInterval"));
        assertEquals(1000, config.getInt("pingTimeout"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void officialJavaClientChatsOverEachTransport(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base, "/chat", mode, Map.of())) {
            assertNull(client.open());
            JSONObject members = (JSONObject) client.call("join", new JSONObject(Map.of("room", "jar-" + mode, "name", "ada")))[0];
            assertEquals("ada", members.getJSONArray("members").getString(0));
            var messages = client.record("message");
            client.call("say", new JSONObject(Map.of("room", "jar-" + mode, "text", "from the jar")));
            JSONObject message = (JSONObject) JavaClient.next(messages, "message")[0];
            assertEquals("from the jar", message.getString("text"));
        }
    }

    /**
     * From a peer in trustedProxies the forwarding headers say who the client is: the address its handshake shows
     * (here through the admin API) and the logs print, and the scheme and host of the same-origin check. That a
     * peer outside the setting is not believed is ReverseProxyIT's, through the shipped nginx.
     */
    @Test
    void behindATrustedProxyTheClientIsWhoTheProxySays() throws Exception {
        Map<String, String> forwarded = Map.of("X-Forwarded-For", "198.51.100.20, 203.0.113.7",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example", "Origin", "https://app.example");
        HttpResponse<String> sameOrigin = PollingClient.handshake(base, forwarded);
        assertEquals(200, sameOrigin.statusCode(), "an https page behind a TLS-terminating proxy: " + sameOrigin.body());
        assertEquals("https://app.example", sameOrigin.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        PollingClient.Session client = PollingClient.open(base, forwarded);
        assertEquals(200, client.post("40/chat,").statusCode());
        String connected = client.get().body();
        Matcher id = Pattern.compile("^40/chat,\\{\"sid\":\"([^\"]+)\"").matcher(connected);
        assertTrue(id.find(), connected);
        assertEquals("203.0.113.7", new Api(base).socket("/chat", id.group(1)).getString("address"),
                "the nearest hop that is not a trusted proxy");
        assertTrue(Files.readString(Path.of("target", "executable-jar.log"))
                .contains("Session " + client.sid + " opened over polling from 203.0.113.7"), "the log line names the client");

        Map<String, String> httpPage = new HashMap<>(forwarded);
        httpPage.put("Origin", "http://app.example");
        assertEquals(403, PollingClient.handshake(base, httpPage).statusCode(),
                "an http page is not the origin of what the client asked for over https");
    }

    @Test
    void consoleWorksInChromium() throws Exception {
        NodeTests.run("browser-executable-jar", base, 300, "src/test/js/browser/");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until the application (not only the HTTP listener) answers, or the process ends, asking for an
     * Engine.IO handshake as a client would every 100 ms and recording each new status on the way.
     */
    private static void awaitApplication() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("executable jar exited with " + server.exitValue() + "; see target/executable-jar.log");
            }
            try {
                int handshake = get("socket.io/?EIO=4&transport=polling").statusCode();
                if (STARTUP_ANSWERS.isEmpty() || STARTUP_ANSWERS.get(STARTUP_ANSWERS.size() - 1) != handshake) {
                    STARTUP_ANSWERS.add(handshake);
                }
                if (handshake == 200 && get("api/info").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            server.waitFor(100, TimeUnit.MILLISECONDS);
        }
        fail("executable jar did not serve api/info within " + STARTUP.toSeconds() + " s; see target/executable-jar.log");
    }
}
