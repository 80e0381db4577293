package dev.switchboard.it.cluster;

import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.NodeTests;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Namespaces spread over several Redis streams ({@code SWITCHBOARD_REDIS_STREAM_COUNT=3}, Node's
 * {@code streamCount: 3}): a Switchboard node and a Node {@code socket.io} server with
 * {@code @socket.io/redis-streams-adapter} 0.3.1 pick the same stream for a namespace, read each other's entries on
 * it, and recover each other's clients from it. {@code /chat} hashes to {@code socket.io-1}, {@code /} to
 * {@code socket.io-2}; the stream of a single-stream cluster ({@code socket.io}) stays empty.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RedisStreamCountIT {
    private static RedisServer redis;
    private static SwitchboardNode alpha;
    private static NodePeer node;
    private final List<JavaClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisServer.start();
        alpha = SwitchboardNode.start("stream-count-alpha", Map.of("SWITCHBOARD_ADAPTER", "redis-streams",
                "SWITCHBOARD_REDIS_STREAM_COUNT", "3", "SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true",
                "SWITCHBOARD_REDIS_URL", redis.url()));
        node = NodePeer.start(redis.url(), "--adapter", "streams", "--stream-count", "3", "--recovery", "120000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.get("server-count?nsp=/chat").getInt("count") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {node, alpha, redis}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(JavaClient::close);
        clients.clear();
    }

    @Test
    void eachNamespaceGoesToTheStreamItsNameHashesToOnBothKindsOfNode() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = member(alpha.base(), room);
        JavaClient onNode = member(node.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        BlockingQueue<Object[]> atNode = onNode.record("news");
        awaitMembers(room, 2);

        long chatBefore = length("socket.io-1");
        Cluster.emitOn(alpha, room, "news", "from alpha");
        Object[] fromAlpha = JavaClient.next(atNode, "alpha's news on the Node server");
        assertEquals("from alpha", fromAlpha[0]);
        assertEquals(fromAlpha[1], JavaClient.next(atAlpha, "alpha's news on alpha")[1], "one offset on both nodes");
        assertEquals("*1", redis.command("XRANGE", "socket.io-1", (String) fromAlpha[1], (String) fromAlpha[1]),
                "the offset is an entry of socket.io-1");

        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "news").put("args", new JSONArray().put("from node")));
        Object[] fromNode = JavaClient.next(atAlpha, "the Node server's news on alpha");
        assertEquals("from node", fromNode[0]);
        assertEquals("*1", redis.command("XRANGE", "socket.io-1", (String) fromNode[1], (String) fromNode[1]));
        assertEquals(chatBefore + 2, length("socket.io-1"), "both broadcasts of /chat on socket.io-1");

        long rootBefore = length("socket.io-2");
        node.post("emit", new JSONObject().put("nsp", "/").put("event", "news").put("args", new JSONArray().put("to /")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (length("socket.io-2") == rootBefore && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(rootBefore + 1, length("socket.io-2"), "a broadcast to / on socket.io-2");
        assertEquals(0, length("socket.io-0"), "no namespace here hashes to socket.io-0");
        assertEquals(0, length("socket.io"), "nothing on the single stream");
    }

    @Test
    void theOfficialClientRecoversAcrossKindsOfNodeFromTheNamespacesStream() throws Exception {
        // alpha twice: the script's pairs then run alpha -> Node, Node -> alpha, and alpha -> alpha with Node publishing
        NodeTests.run("stream-count-recovery", alpha.base(), Map.of("SWITCHBOARD_NODES", alpha.base() + "," + alpha.base(),
                "NODE_PEER", node.base().toString(), "SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN), 180,
                "src/test/js/cluster/recovery-across-nodes.test.mjs");
    }

    private JavaClient member(URI server, String room) throws Exception {
        JavaClient client = JavaClient.connect(server, "/chat", Mode.WEBSOCKET, Map.of());
        clients.add(client);
        assertNull(client.open());
        client.call("join", new JSONObject(Map.of("room", room, "name", "m-" + clients.size())));
        return client;
    }

    private static long length(String stream) throws Exception {
        return Long.parseLong(redis.command("XLEN", stream).substring(1));
    }

    private static void awaitMembers(String room, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.post("fetch-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))))
                .getJSONArray("sockets").length() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("room " + room + " never had " + count + " members");
            }
            Thread.sleep(50);
        }
    }
}
