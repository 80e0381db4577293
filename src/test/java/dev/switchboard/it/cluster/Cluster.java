package dev.switchboard.it.cluster;

import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import org.json.JSONArray;
import org.json.JSONObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One Redis, two Switchboard nodes and a Node {@code socket.io} peer on it, started once for a test class and
 * stopped together; and the chat clients a test opens on them, closed after each test.
 */
final class Cluster implements AutoCloseable {
    final RedisServer redis;
    final SwitchboardNode alpha;
    final SwitchboardNode beta;
    final NodePeer node;
    private final List<JavaClient> clients = new ArrayList<>();

    private Cluster(RedisServer redis, SwitchboardNode alpha, SwitchboardNode beta, NodePeer node) {
        this.redis = redis;
        this.alpha = alpha;
        this.beta = beta;
        this.node = node;
    }

    /**
     * @param settings    the Switchboard nodes' settings besides {@code SWITCHBOARD_REDIS_URL}
     * @param peerOptions the Node peer's command-line options besides its port and Redis
     */
    static Cluster start(String prefix, Map<String, String> settings, String... peerOptions) throws Exception {
        RedisServer redis = RedisServer.start();
        Map<String, String> all = new HashMap<>(settings);
        all.put("SWITCHBOARD_REDIS_URL", redis.url());
        SwitchboardNode alpha = SwitchboardNode.start(prefix + "alpha", all);
        SwitchboardNode beta = SwitchboardNode.start(prefix + "beta", all);
        NodePeer node = NodePeer.start(redis.url(), peerOptions);
        Cluster cluster = new Cluster(redis, alpha, beta, node);
        // a node connects to Redis in the background once started: wait until all three have subscribed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.get("server-count?nsp=/chat").getInt("count") < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return cluster;
    }

    /** A client of the chat namespace in {@code room}, on a Switchboard node (the chat's join) or the Node one. */
    JavaClient member(URI server, String room) throws Exception {
        JavaClient client = JavaClient.connect(server, "/chat", Mode.WEBSOCKET, Map.of());
        clients.add(client);
        assertNull(client.open());
        client.call("join", new JSONObject(Map.of("room", room, "name", "m-" + clients.size())));
        return client;
    }

    /** A client the test opened itself, closed with the others after the test. */
    JavaClient track(JavaClient client) {
        clients.add(client);
        return client;
    }

    /** Closes the clients the last test opened. */
    void closeClients() {
        clients.forEach(JavaClient::close);
        clients.clear();
    }

    static String room() {
        return "room-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code POST /api/emit} to a room of the chat namespace on that node. */
    static JSONObject emitOn(SwitchboardNode server, String room, String event, Object... args) throws Exception {
        JSONObject body = new JSONObject().put("namespace", "/chat").put("room", room).put("event", event)
                .put("args", new JSONArray(args));
        var response = server.api("POST", "api/emit", body.toString());
        assertEquals(202, response.statusCode(), response.body());
        return new JSONObject(response.body());
    }

    @Override
    public void close() throws Exception {
        closeClients();
        for (AutoCloseable part : new AutoCloseable[] {node, beta, alpha, redis}) {
            if (part != null) {
                part.close();
            }
        }
    }
}
