package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.DirectoryTree;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.FreePort;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.PollingClient;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/deploying.md's Open Liberty steps, done as written (Liberty build only, {@code -Popenliberty}): a server in
 * target/wlp made of server-config/openliberty/'s server.xml, server.env and jvm.options as shipped, the WAR in its
 * apps/, started with {@code bin/server start}; only server.env gets lines added, as an operator adds them (the port,
 * the settings). The application answers at / on 127.0.0.1, and what {@code bin/server stop} does to its clients is
 * pinned.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LibertyAsShippedIT {
    private static final String SERVER = "as-shipped";
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS);
    /** The heartbeat this server gets in server.env: a waiting poll is answered within it. */
    private static final int PING_INTERVAL_MILLIS = 5000;
    /** Liberty's longest quiesce before it stops the applications (its server stop command's documentation). */
    private static final Duration QUIESCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path liberty;
    private static Path serverDirectory;
    private static int port;
    private static URI base;

    @BeforeAll
    static void startAsShipped() throws Exception {
        liberty = Path.of(System.getProperty("liberty.home", "target/wlp"));
        assertTrue(Files.isRegularFile(liberty.resolve("bin/server")), liberty + " holds no Liberty: run with -Popenliberty");
        serverDirectory = liberty.resolve("usr/servers/" + SERVER);
        DirectoryTree.delete(serverDirectory);
        Files.createDirectories(serverDirectory.resolve("apps"));
        Path shipped = Path.of(System.getProperty("switchboard.serverConfig", "server-config"), "openliberty");
        for (String file : List.of("server.xml", "server.env", "jvm.options")) {
            Files.copy(shipped.resolve(file), serverDirectory.resolve(file));
        }
        Files.copy(Path.of(System.getProperty("switchboard.war", "target/switchboard.war")), serverDirectory.resolve("apps/switchboard.war"));
        port = FreePort.onLoopback();
        base = URI.create("http://127.0.0.1:" + port + "/");
        // what an operator appends: the port, and settings
        Files.writeString(serverDirectory.resolve("server.env"), String.join("\n",
                "", "HTTP_PORT=" + port, "SWITCHBOARD_PING_INTERVAL=" + PING_INTERVAL_MILLIS, "SWITCHBOARD_PING_TIMEOUT=20000",
                "SWITCHBOARD_ADMIN_TOKEN=" + Api.ADMIN_TOKEN, ""), StandardOpenOption.APPEND);
        serverCommand("start", STARTUP);
        awaitReady();
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (serverDirectory != null && isRunning()) {
            serverCommand("stop", Duration.ofSeconds(60));
        }
    }

    @Test
    @Order(1)
    void servesTheConsoleAtTheRoot() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Switchboard console"), page.body());
    }

    @Test
    @Order(1)
    void readsItsSettingsFromServerEnv() throws Exception {
        JSONObject config = new JSONObject(get("api/info").body()).getJSONObject("config");
        assertEquals(PING_INTERVAL_MILLIS, config.getInt("pingInterval"));
        assertEquals("servlet", config.getString("websocket"));
    }

    @Test
    @Order(1)
    void listensOnLoopbackOnly() throws Exception {
        String log = Files.readString(serverDirectory.resolve("logs/messages.log"));
        assertTrue(log.contains("(IPv4: 127.0.0.1) port " + port + "."), "the HTTP endpoint's listening line:\n" + log);
        assertTrue(!log.contains("host *"), "listens on every interface:\n" + log);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    @Order(1)
    void officialJavaClientChatsOverEachTransport(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base, "/chat", mode, Map.of())) {
            assertNull(client.open());
            client.call("join", new JSONObject(Map.of("room", "liberty-" + mode, "name", "ada")));
            var messages = client.record("message");
            client.call("say", new JSONObject(Map.of("room", "liberty-" + mode, "text", "from Liberty")));
            assertEquals("from Liberty", ((JSONObject) JavaClient.next(messages, "message")[0]).getString("text"));
        }
    }

    /**
     * Last: {@code bin/server stop}, with a healthy client on each transport. Liberty first quiesces: its listener
     * stops at once, and it waits up to 30 s for the connections in flight, a WebSocket as long as it is open and a
     * waiting poll until its ping answers it (the client's next poll is refused, as by a server gone). Only then
     * does it stop the application: Switchboard drains, but the WebSocket's connection went with the listener, so
     * it ends without a goodbye. Either way the clients reconnect, and Switchboard logs no error.
     */
    @Test
    @Order(2)
    void serverStopQuiescesThenEndsEveryConnectionWithoutAnError() throws Exception {
        ServerLog log = ServerLog.fromNow(serverDirectory.resolve("logs/messages.log"));
        PollingClient.Session polling = PollingClient.open(base, Map.of());
        assertEquals(200, polling.post("40").statusCode());
        assertTrue(polling.get().body().startsWith("40{"), "namespace joined");
        CompletableFuture<HttpResponse<String>> waitingPoll = polling.getAsync();
        FrameSocket websocket = FrameSocket.open(base);
        assertTrue(websocket.nextText(WAIT).startsWith("0{"), "open packet");
        websocket.sendText("40");
        assertTrue(websocket.nextText(WAIT).startsWith("40{"), "namespace joined");
        new Api(base).awaitMetrics(metrics -> Api.value(metrics, "switchboard_engine_polls_in_flight") == 1);
        // the WebSocket client answers pings until its connection ends
        CompletableFuture<Throwable> websocketEnd = CompletableFuture.supplyAsync(() -> {
            try {
                websocket.awaitTextAnsweringHeartbeat(text -> false, QUIESCE.plus(WAIT));
                return null;
            } catch (Throwable ended) {
                return ended;
            }
        });

        long start = System.nanoTime();
        serverCommand("stop", QUIESCE.plus(Duration.ofSeconds(30)));
        long took = (System.nanoTime() - start) / 1_000_000;

        HttpResponse<String> answered = waitingPoll.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("2", answered.body(), "the waiting poll answered by its ping during the quiesce");
        assertThrows(IOException.class, () -> HTTP.send(HttpRequest.newBuilder(new PollingClient(base)
                .uri(PollingClient.sessionQuery(polling.sid))).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()),
                "the next poll finds no server");
        // FrameSocket reports the end of the stream where a message was awaited as "the connection closed (1006)"
        Throwable end = websocketEnd.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(end instanceof IOException || (end instanceof AssertionError && String.valueOf(end.getMessage())
                .contains("the connection closed (Closed[code=1006")), "the WebSocket's connection ended without a close frame: " + end);
        websocket.close();
        assertTrue(took > PING_INTERVAL_MILLIS && took < QUIESCE.plus(WAIT).toMillis(), "stop took " + took + " ms");
        String messages = Files.readString(serverDirectory.resolve("logs/messages.log"));
        assertTrue(messages.contains("CWWKE1100I"), "Liberty's quiesce line:\n" + messages);
        assertTrue(messages.contains("Engine.IO server draining: sent a close packet to"), "Switchboard's drain:\n" + messages);
        assertTrue(messages.contains("CWWKE0036I"), "Liberty's 'server stopped' line:\n" + messages);
        log.assertNothingFromSwitchboard();
    }

    /** Runs {@code bin/server <action> as-shipped}, which returns once the server has started or stopped. */
    private static void serverCommand(String action, Duration within) throws Exception {
        Path output = liberty.resolve("usr/servers/" + SERVER + "-" + action + ".out");
        ProcessBuilder command = new ProcessBuilder(liberty.resolve("bin/server").toString(), action, SERVER)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = command.start();
        if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("bin/server " + action + " took over " + within.toSeconds() + " s:\n" + Files.readString(output));
        }
        assertEquals(0, process.exitValue(), "bin/server " + action + ":\n" + Files.readString(output));
    }

    private static boolean isRunning() {
        Path pid = liberty.resolve("usr/servers/.pid/" + SERVER + ".pid");
        try {
            return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException unreadable) {
            return false;
        }
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("api/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("Liberty's " + SERVER + " server did not serve api/health/ready within " + STARTUP.toSeconds() + " s; see "
                + serverDirectory.resolve("logs/messages.log"));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
