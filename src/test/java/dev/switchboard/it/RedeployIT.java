package dev.switchboard.it;

import dev.switchboard.it.cluster.RedisServer;
import dev.switchboard.it.harness.DeploymentHarness;
import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.FrameSocket;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Undeploy as clients see it, and as the server's threads show it: Switchboard is deployed and undeployed many
 * times inside one server (through {@link DeploymentHarness}: Payara Micro, or Open Liberty in its build), with
 * clients on every transport each time. The server is the long-heartbeat one (arquillian.xml,
 * arquillian-openliberty.xml).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {
    private static final int WARM_UP_CYCLES = 3;
    private static final int CYCLES = 15;
    /**
     * The container's worker pools start threads on demand up to their bounds and keep them: on Payara, HTTP
     * workers, the server's "Executor-Service" and the default managed executors grew by 10 to 17 threads over 15
     * redeploys under a busy machine's load; on Open Liberty, its "Default Executor". They are not counted; any
     * other thread is, and a leak of one per redeploy
     * exceeds {@link #THREAD_SLACK}. Switchboard's own threads are checked strictly, every cycle (see {@link #cycle}).
     */
    private static final Pattern CONTAINER_POOLS =
            Pattern.compile("^(http-thread-pool|Executor-Service|concurrent/__default\\w+-managedThreadFactory-Thread|Default Executor-thread)");
    private static final int THREAD_SLACK = CYCLES / 2;
    private static final int REDIS_CYCLES = 4;
    /** Switchboard's own threads and those of its Redis client (Lettuce on Netty). */
    /** The server with heartbeats slower than a deploy cycle, so every polling client has a GET waiting at undeploy. */
    static final String LONG_HEARTBEAT = "long-heartbeat";
    private static final Pattern REDIS_CLIENT_THREADS = Pattern.compile("^(switchboard-|lettuce-|nioEventLoop|epollEventLoop)");

    @Deployment(testable = false)
    @TargetsContainer(LONG_HEARTBEAT)
    static WebArchive harness() {
        new File(System.getProperty("java.io.tmpdir")).mkdirs(); // the container connector unpacks there
        return ShrinkWrap.create(WebArchive.class, "harness.war").addPackage(DeploymentHarness.class.getPackage());
    }

    @ArquillianResource
    URL harnessUrl;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void undeployClosesEveryClientAndLeavesNoThreadBehind() throws Exception {
        for (int cycle = 0; cycle < WARM_UP_CYCLES; cycle++) {
            cycle(cycle);
        }
        List<String> before = threads();
        for (int cycle = WARM_UP_CYCLES; cycle < WARM_UP_CYCLES + CYCLES; cycle++) {
            cycle(cycle);
        }
        List<String> after = threads();
        long growth = outsidePools(after) - outsidePools(before);
        assertTrue(growth <= THREAD_SLACK, "threads outside the container's pools grew by " + growth + " over " + CYCLES
                + " redeploys; by kind, before " + kinds(before) + ", after " + kinds(after));
    }

    /**
     * With a Redis cluster adapter the deployment also holds Lettuce's connections and Netty's event loops (and, with
     * redis-streams, a stream reader): an undeploy must end them all, or every redeploy leaks threads and the old
     * deployment's classes with them.
     */
    @Test
    void undeployOnARedisStreamsClusterLeavesNoRedisClientThreadBehind() throws Exception {
        ServerLog log = ServerLog.ofServer(LONG_HEARTBEAT);
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> settings = Map.of("switchboard.adapter", "redis-streams", "switchboard.redisUrl", redis.url(),
                    "switchboard.connectionStateRecovery", "true");
            try {
                for (Map.Entry<String, String> setting : settings.entrySet()) {
                    harness("property?name=" + setting.getKey() + "&value=" + URLEncoder.encode(setting.getValue(), StandardCharsets.UTF_8));
                }
                for (int cycle = 0; cycle < REDIS_CYCLES; cycle++) {
                    harness("deploy?name=switchboard&war=" + URLEncoder.encode(warPath(), StandardCharsets.UTF_8));
                    URI base = harnessBase().resolve("/switchboard/");
                    JavaClient java = JavaClient.connect(base, "/chat", Mode.WEBSOCKET, Map.of());
                    assertNull(java.open());
                    java.call("join", new JSONObject(Map.of("room", "redeploy", "name", "cycle-" + cycle)));
                    BlockingQueue<Object[]> said = java.record("message");
                    // the chat's say goes through the stream and back: Redis is in use in this deployment
                    awaitSaid(java, said, cycle);
                    harness("undeploy?name=switchboard");
                    java.close();
                    List<String> leftovers = awaitNoThreads(REDIS_CLIENT_THREADS);
                    assertEquals(List.of(), leftovers, "cycle " + cycle + ": Redis client threads left after undeploy");
                }
            } finally {
                for (String name : settings.keySet()) {
                    harness("property?name=" + name);
                }
            }
        }
        // Payara names what a deployment left on its threads: Netty's thread-locals, when the Redis client was
        // touched from a request thread
        List<String> left = log.records().stream()
                .filter(record -> record.contains("failed to remove it when the web application was stopped")).toList();
        assertEquals(List.of(), left, "thread-locals left on the container's threads");
    }

    private static void awaitSaid(JavaClient java, BlockingQueue<Object[]> said, int cycle) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // the node reads the stream once it has connected to Redis, in the background: say again until it has
        while (System.nanoTime() < deadline) {
            java.call("say", new JSONObject(Map.of("room", "redeploy", "text", "cycle " + cycle)));
            Object[] message = said.poll(1, TimeUnit.SECONDS);
            if (message != null) {
                return;
            }
        }
        throw new AssertionError("cycle " + cycle + ": the chat never came back through Redis");
    }

    /** Waits up to 10 s for the threads these patterns name to end; those still alive then. */
    private List<String> awaitNoThreads(Pattern names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> alive;
        do {
            alive = threads().stream().filter(name -> names.matcher(name).find()).toList();
        } while (!alive.isEmpty() && System.nanoTime() < deadline && sleep());
        return alive;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static long outsidePools(List<String> names) {
        return names.stream().filter(name -> !CONTAINER_POOLS.matcher(name).find()).count();
    }

    /** Thread names without their numbers, counted: "http-thread-pool::http-listener(3)" is an http-thread-pool thread. */
    private static Map<String, Long> kinds(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(name -> name.replaceAll("[-(]?[0-9]+\\)?", ""),
                TreeMap::new, Collectors.counting()));
    }

    private void cycle(int cycle) throws Exception {
        harness("deploy?name=switchboard&war=" + URLEncoder.encode(warPath(), StandardCharsets.UTF_8));
        URI base = harnessBase().resolve("/switchboard/");

        PollingClient.Session polling = PollingClient.open(base, Map.of());
        assertEquals(200, polling.post("40").statusCode());
        CompletableFuture<HttpResponse<String>> pollingClosed = polling.pollUntilClosed();

        Duration wait = Duration.ofSeconds(TIMEOUT_SECONDS);
        FrameSocket websocket = FrameSocket.open(base);
        assertTrue(websocket.nextText(wait).startsWith("0{"), "open packet");
        websocket.sendText("40");
        assertTrue(websocket.nextText(wait).startsWith("40{"), "namespace joined");

        // over polling: the Java client ignores a WebSocket close frame until its socket is gone (no onClosing)
        JavaClient java = JavaClient.connect(base, "/chat", Mode.POLLING, Map.of());
        CompletableFuture<Object> javaGone = new CompletableFuture<>();
        java.socket.on(Socket.EVENT_DISCONNECT, args -> javaGone.complete(args.length > 0 ? args[0] : ""));
        assertNull(java.open());

        // both polling clients have a GET waiting (no heartbeat comes in this container): undeploy answers them
        Map<String, Long> waiting = new Api(base).awaitMetrics(m -> Api.value(m, "switchboard_engine_polls_in_flight") == 2);
        assertEquals(2, Api.value(waiting, "switchboard_engine_polls_in_flight"), "cycle " + cycle + ": waiting polls");

        harness("undeploy?name=switchboard");

        HttpResponse<String> lastPoll = pollingClosed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(200, lastPoll.statusCode(), "cycle " + cycle + ": waiting GET answered: " + lastPoll.body());
        assertTrue(Arrays.asList(lastPoll.body().split("\u001e")).contains("1"), "cycle " + cycle + ": close packet, got " + lastPoll.body());

        websocket.awaitTextAnsweringHeartbeat("1"::equals, wait); // the close packet over WebSocket
        FrameSocket.Closed closed = websocket.awaitClose(wait);
        assertEquals(new FrameSocket.Closed(1001, "server shutting down"), closed, "cycle " + cycle + ": then the close frame");
        assertEquals("transport close", javaGone.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "cycle " + cycle + ": Java client told");
        java.close();
        websocket.close();

        List<String> leftovers = threads().stream().filter(name -> name.startsWith("switchboard-")).toList();
        assertEquals(List.of(), leftovers, "cycle " + cycle + ": Switchboard threads left after undeploy");
    }

    private List<String> threads() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(harnessBase().resolve("harness/threads")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<String> lines = List.of(response.body().split("\n"));
        return lines.subList(1, lines.size());
    }

    private void harness(String action) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(harnessBase().resolve("harness/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), action + ": " + response.body());
    }

    private URI harnessBase() {
        return Deployments.loopback(harnessUrl);
    }

    private static String warPath() {
        return new File(System.getProperty("switchboard.war", "target/switchboard.war")).getAbsolutePath();
    }
}
