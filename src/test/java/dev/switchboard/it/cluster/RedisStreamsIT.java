package dev.switchboard.it.cluster;

import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.NginxProxy;
import dev.switchboard.it.support.NodeTests;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several nodes on one Redis stream ({@code SWITCHBOARD_ADAPTER=redis-streams}) with connection state recovery on:
 * two Switchboard jars and a Node {@code socket.io} server with {@code @socket.io/redis-streams-adapter} 0.3.1,
 * every kind of message both ways, then clients recovering from one kind of node on the other, and from a node
 * killed with SIGKILL behind the shipped nginx. One Redis and one set of nodes for the whole class.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisStreamsIT {
    private static final String OFFSET = "\\d+-\\d+";
    private static Cluster cluster;
    private static RedisServer redis;
    private static SwitchboardNode alpha;
    private static SwitchboardNode beta;
    private static NodePeer node;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start("streams-", Map.of("SWITCHBOARD_ADAPTER", "redis-streams",
                "SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true"), "--adapter", "streams", "--recovery", "120000");
        redis = cluster.redis;
        alpha = cluster.alpha;
        beta = cluster.beta;
        node = cluster.node;
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() {
        cluster.closeClients();
    }

    @Test
    @Order(1)
    void everyNodeCountsTheOthers() throws Exception {
        assertEquals(3, node.get("server-count?nsp=/chat").getInt("count"), "two Switchboard nodes and the Node one");
    }

    @Test
    @Order(2)
    void aBroadcastOnOneSwitchboardNodeReachesEveryNodeWithTheSameStreamOffset() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        JavaClient onNode = cluster.member(node.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        BlockingQueue<Object[]> atBeta = onBeta.record("news");
        BlockingQueue<Object[]> atNode = onNode.record("news");
        Cluster.emitOn(alpha, room, "news", "from alpha", 42);
        Object[] here = JavaClient.next(atAlpha, "news on alpha itself");
        Object[] there = JavaClient.next(atBeta, "news on beta");
        Object[] fromNode = JavaClient.next(atNode, "news on the Node server");
        for (Object[] news : List.of(here, there, fromNode)) {
            assertEquals("from alpha", news[0]);
            assertEquals(42, news[1]);
            assertTrue(String.valueOf(news[2]).matches(OFFSET), "the stream entry id last: " + news[2]);
        }
        assertEquals(here[2], there[2]);
        assertEquals(here[2], fromNode[2], "the Node server gives the same offset");
    }

    @Test
    @Order(3)
    void aBroadcastOnTheNodeServerReachesSwitchboardClientsWithBinaryIntact() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))).put("event", "news")
                .put("args", new JSONArray().put("from node")
                        .put(new JSONObject().put("$bin", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))));
        Object[] received = JavaClient.next(atAlpha, "news on alpha");
        assertEquals("from node", received[0]);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) received[1], "binary through base64 MessagePack on the stream");
        assertTrue(String.valueOf(received[2]).matches(OFFSET));
    }

    @Test
    @Order(3)
    void aVolatileBroadcastCrossesBothWaysWithoutAnOffset() throws Exception {
        String room = Cluster.room();
        BlockingQueue<Object[]> atAlpha = cluster.member(alpha.base(), room).record("where");
        BlockingQueue<Object[]> atNode = cluster.member(node.base(), room).record("where");
        awaitMembers(room, 2);
        var emitted = alpha.api("POST", "api/emit", new JSONObject().put("namespace", "/chat").put("room", room)
                .put("event", "where").put("args", new JSONArray().put(1)).put("volatile", true).toString());
        assertEquals(202, emitted.statusCode(), emitted.body());
        assertArrayEquals(new Object[] {1}, JavaClient.next(atNode, "alpha's volatile event on the Node server"),
                "no offset: Node reads the volatile flag");
        assertArrayEquals(new Object[] {1}, JavaClient.next(atAlpha, "alpha's volatile event on alpha"));
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "where").put("args", new JSONArray().put(2)).put("volatile", true));
        assertArrayEquals(new Object[] {2}, JavaClient.next(atAlpha, "the Node server's volatile event on alpha"),
                "no offset: Switchboard reads Node's volatile flag");
    }

    @Test
    @Order(4)
    void socketsAreFetchedAndJoinedAcrossTheCluster() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        JavaClient onNode = cluster.member(node.base(), room);
        String sockets = alpha.api("GET", "api/sockets?namespace=/chat", null).body();
        for (JavaClient client : List.of(onAlpha, onBeta, onNode)) {
            assertTrue(sockets.contains(client.socket.id()), "alpha lists " + client.socket.id() + ": " + sockets);
        }
        JSONObject fetched = node.post("fetch-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))));
        assertEquals(3, fetched.getJSONArray("sockets").length(), "the Node server fetches the Switchboard sockets too");

        String extra = Cluster.room();
        var joined = beta.api("POST", "api/rooms/join", new JSONObject().put("namespace", "/chat").put("room", room)
                .put("join", extra).toString());
        assertEquals(200, joined.statusCode(), joined.body());
        BlockingQueue<Object[]> atNode = onNode.record("news");
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        awaitMembers(extra, 3);
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(extra))).put("event", "news")
                .put("args", new JSONArray().put("to the joined room")));
        assertEquals("to the joined room", JavaClient.next(atNode, "news on the Node server")[0]);
        assertEquals("to the joined room", JavaClient.next(atAlpha, "news on alpha")[0]);
    }

    @Test
    @Order(5)
    void serverSideEventsAreAnsweredBothWays() throws Exception {
        JavaClient asker = cluster.member(alpha.base(), Cluster.room());
        Object[] nodes = asker.call("nodes");
        assertEquals(3, ((JSONObject) nodes[0]).getJSONArray("nodes").length(), "alpha, then beta's and the Node server's answers");
        JSONObject answers = node.post("server-side-emit", new JSONObject().put("nsp", "/chat").put("event", "count")
                .put("args", new JSONArray()).put("ack", true).put("timeout", 5000));
        assertEquals(2, answers.getJSONArray("responses").length(), "both Switchboard nodes answer the Node server: " + answers);
    }

    @Test
    @Order(6)
    void aBroadcastWithAcknowledgementsCollectsEveryNodesClients() throws Exception {
        String room = Cluster.room();
        JavaClient asker = cluster.member(alpha.base(), room);
        for (URI server : List.of(beta.base(), node.base())) {
            JavaClient answering = cluster.member(server, room);
            answering.socket.on("rollcall", args -> {
                if (args.length > 0 && args[args.length - 1] instanceof io.socket.client.Ack ack) {
                    ack.call("here from " + server.getPort());
                }
            });
        }
        Object[] reply = asker.call("rollcall", new JSONObject().put("room", room));
        JSONObject result = (JSONObject) reply[0];
        assertEquals(2, result.getJSONArray("answers").length(), "beta's and the Node server's clients: " + result);
        assertTrue(result.getBoolean("complete"));
    }

    @Test
    @Order(7)
    void malformedMessagesOnTheChannelOrTheStreamAreCountedAndDroppedAndNothingElseIsLost() throws Exception {
        long before = alpha.metric("switchboard_cluster_malformed_total");
        redis.command("PUBLISH", "socket.io#/chat#", "not MessagePack");
        redis.command("XADD", "socket.io", "*", "uid", "x", "nsp", "/chat", "type", "3", "data", "{broken json");
        redis.command("XADD", "socket.io", "*", "uid", "x", "nsp", "/chat", "type", "99");
        redis.command("XADD", "socket.io", "*", "uid", "x", "nsp", "/chat", "type", "3", "data", "not base64!");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alpha.metric("switchboard_cluster_malformed_total") < before + 4 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before + 4, alpha.metric("switchboard_cluster_malformed_total"));
        aBroadcastOnTheNodeServerReachesSwitchboardClientsWithBinaryIntact();
        aBroadcastOnOneSwitchboardNodeReachesEveryNodeWithTheSameStreamOffset();
    }

    @Test
    @Order(10)
    void theOfficialClientRecoversFromEitherKindOfNodeOnTheOther() throws Exception {
        NodeTests.run("streams-recovery", alpha.base(), Map.of("SWITCHBOARD_NODES", alpha.base() + "," + beta.base(),
                "NODE_PEER", node.base().toString(), "SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN), 180,
                "src/test/js/cluster/recovery-across-nodes.test.mjs");
    }

    @Test
    @Order(50)
    void theConsoleComesBackRecoveredAfterItsNodeRestartsWithTheMessagesSaidMeanwhile() throws Exception {
        // the browser test asks for the restart in two steps, so that it can talk on the other node in between
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/", exchange -> {
            try {
                if (exchange.getRequestURI().getPath().equals("/stop")) {
                    alpha.close();
                } else {
                    alpha.startAgain();
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException | InterruptedException | RuntimeException failure) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        control.start();
        try {
            NodeTests.run("streams-console-restart", alpha.base(), Map.of("SWITCHBOARD_NODES", alpha.base() + "," + beta.base(),
                    "RESTART_URL", "http://127.0.0.1:" + control.getAddress().getPort() + "/"), 240,
                    "src/test/js/cluster/console-restart.test.mjs");
        } finally {
            control.stop(0);
        }
    }

    @Test
    @Order(100)
    void theClientsOfAKilledNodeRecoverOnTheOtherThroughNginx() throws Exception {
        Path serverConfig = Path.of(System.getProperty("switchboard.serverConfig", "server-config"));
        NginxProxy.install(serverConfig);
        try (NginxProxy proxy = NginxProxy.startCluster("streams-it", serverConfig, alpha.base().getPort(), beta.base().getPort())) {
            URI front = URI.create("http://127.0.0.1:" + proxy.port() + "/");
            NodeTests.run("streams-killed-node", front, Map.of("SWITCHBOARD_NODES", alpha.base() + "," + beta.base(),
                    "NODE_PEER", node.base().toString(), "SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN,
                    "SWITCHBOARD_PIDS", alpha.pid() + "," + beta.pid(), "RECOVERY_ONLY_KILL", "true"), 180,
                    "src/test/js/cluster/recovery-across-nodes.test.mjs");
        }
    }

    private static void awaitMembers(String room, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.post("fetch-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))))
                .getJSONArray("sockets").length() < count) {
            assertTrue(System.nanoTime() < deadline, "room " + room + " never had " + count + " members");
            Thread.sleep(50);
        }
    }
}
