package dev.switchboard.it.cluster;

import dev.switchboard.it.support.FreePort;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
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

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several nodes as one server: one real Redis, two Switchboard nodes (the executable jar, adapter=redis) and a Node
 * socket.io 4.8 server with @socket.io/redis-adapter 8.3, all started here and shared by the tests. Every kind of
 * message goes both ways between the Java and the Node implementation, and @socket.io/redis-emitter publishes into
 * Switchboard. The last test kills a node with SIGKILL.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {
    private static Cluster cluster;
    private static RedisServer redis;
    private static SwitchboardNode alpha;
    private static SwitchboardNode beta;
    private static NodePeer node;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start("", Map.of("SWITCHBOARD_ADAPTER", "redis", "SWITCHBOARD_ADMIN_UI", "on",
                "SWITCHBOARD_ADMIN_UI_PASSWORD_HASH", SwitchboardNode.ADMIN_UI_PASSWORD_HASH));
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
    void aBroadcastOnOneSwitchboardNodeReachesTheOtherNodesClients() throws Exception {
        String room = Cluster.room();
        JavaClient onBeta = cluster.member(beta.base(), room);
        JavaClient onNode = cluster.member(node.base(), room);
        BlockingQueue<Object[]> atBeta = onBeta.record("news");
        BlockingQueue<Object[]> atNode = onNode.record("news");
        Cluster.emitOn(alpha, room, "news", "from alpha", 42);
        assertEquals("from alpha", JavaClient.next(atBeta, "news on beta")[0]);
        Object[] fromNode = JavaClient.next(atNode, "news on the Node server");
        assertEquals("from alpha", fromNode[0]);
        assertEquals(42, fromNode[1]);
    }

    @Test
    @Order(3)
    void aBroadcastOnTheNodeServerReachesSwitchboardClientsWithBinaryIntact() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        JavaClient elsewhere = cluster.member(beta.base(), Cluster.room());
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        BlockingQueue<Object[]> leaked = elsewhere.record("news");
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))).put("event", "news")
                .put("args", new JSONArray().put("from node").put(new JSONObject().put("$bin", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})))
                        .put(new JSONObject().put("nested", new JSONArray(List.of(1, 2.5, true))))));
        Object[] received = JavaClient.next(atAlpha, "news on alpha");
        assertEquals("from node", received[0]);
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) received[1]);
        assertEquals(2.5, ((JSONObject) received[2]).getJSONArray("nested").getDouble(1));
        elsewhere.call("latency", 1); // a round trip on the other client's link orders after anything sent to it
        assertTrue(leaked.isEmpty(), "a one-room broadcast reached a client outside the room");
    }

    @Test
    @Order(4)
    void theEmitterPublishesIntoSwitchboard() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        node.post("emitter", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "news").put("args", new JSONArray().put("from the emitter")));
        assertEquals("from the emitter", JavaClient.next(atAlpha, "news from the emitter")[0]);
    }

    @Test
    @Order(5)
    void exceptHoldsAcrossNodes() throws Exception {
        String room = Cluster.room();
        JavaClient kept = cluster.member(alpha.base(), room);
        JavaClient excluded = cluster.member(beta.base(), room);
        String excludedId = excluded.socket.id();
        BlockingQueue<Object[]> atKept = kept.record("news");
        BlockingQueue<Object[]> atExcluded = excluded.record("news");
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("except", new JSONArray(List.of(excludedId))).put("event", "news").put("args", new JSONArray().put("x")));
        assertEquals("x", JavaClient.next(atKept, "news")[0]);
        excluded.call("latency", 1);
        assertTrue(atExcluded.isEmpty(), "the excepted client got it");
    }

    @Test
    @Order(6)
    void theNodeServerFetchesSwitchboardSocketsWithTheirRoomsAndHandshake() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        JSONArray sockets = node.post("fetch-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))))
                .getJSONArray("sockets");
        assertEquals(2, sockets.length(), sockets.toString());
        Set<String> ids = Set.of(sockets.getJSONObject(0).getString("id"), sockets.getJSONObject(1).getString("id"));
        assertEquals(Set.of(onAlpha.socket.id(), onBeta.socket.id()), ids);
        JSONObject first = sockets.getJSONObject(0);
        assertTrue(values(first.getJSONArray("rooms")).contains(room), first.toString());
        JSONObject handshake = first.getJSONObject("handshake");
        assertEquals("4", handshake.getJSONObject("query").getString("EIO"));
        assertTrue(handshake.getLong("issued") > 0);
    }

    @Test
    @Order(7)
    void theNodeServerListsRoomsOfEveryNode() throws Exception {
        String room = Cluster.room();
        cluster.member(beta.base(), room);
        assertTrue(values(node.get("all-rooms?nsp=/chat").getJSONArray("rooms")).contains(room));
    }

    @Test
    @Order(8)
    void socketsJoinAndLeaveFromTheNodeServerMoveSwitchboardSockets() throws Exception {
        String room = Cluster.room();
        String joined = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        node.post("sockets-join", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("join", new JSONArray(List.of(joined))));
        awaitMember(alpha, joined, onAlpha.socket.id());
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(joined)))
                .put("event", "news").put("args", new JSONArray().put("to the joined room")));
        assertEquals("to the joined room", JavaClient.next(atAlpha, "news")[0]);
        node.post("sockets-leave", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("leave", new JSONArray(List.of(joined))));
        awaitNotMember(alpha, joined, onAlpha.socket.id());
    }

    @Test
    @Order(9)
    void socketsJoinOnSwitchboardMovesTheNodeServersSockets() throws Exception {
        String room = Cluster.room();
        String joined = Cluster.room();
        JavaClient onNode = cluster.member(node.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        BlockingQueue<Object[]> atNode = onNode.record("news");
        BlockingQueue<Object[]> atBeta = onBeta.record("news");
        // the REST API's room operations go through the same Broadcast.socketsJoin application code uses
        var response = alpha.api("POST", "api/rooms/join", new JSONObject().put("namespace", "/chat").put("room", room)
                .put("join", joined).toString());
        assertEquals(200, response.statusCode(), response.body());
        awaitMember(beta, joined, onBeta.socket.id());
        Cluster.emitOn(alpha, joined, "news", "to the joined room");
        assertEquals("to the joined room", JavaClient.next(atNode, "news on node")[0]);
        assertEquals("to the joined room", JavaClient.next(atBeta, "news on beta")[0]);
    }

    @Test
    @Order(10)
    void disconnectSocketsFromTheNodeServerDisconnectsSwitchboardClients() throws Exception {
        String room = Cluster.room();
        JavaClient onBeta = cluster.member(beta.base(), room);
        BlockingQueue<Object[]> gone = onBeta.record("disconnect");
        node.post("disconnect-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))).put("close", false));
        assertEquals("io server disconnect", JavaClient.next(gone, "disconnect")[0]);
    }

    @Test
    @Order(11)
    void aNodeBroadcastWithAcksCollectsTheAnswersOfSwitchboardClients() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        onAlpha.socket.on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call("alpha says " + args[0]));
        onBeta.socket.on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call("beta says " + args[0]));
        JSONObject answer = node.post("emit-with-ack", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "question").put("args", new JSONArray().put("hi")).put("timeout", 5000));
        assertTrue(!answer.has("error"), answer.toString());
        assertEquals(Set.of("alpha says hi", "beta says hi"), Set.copyOf(values(answer.getJSONArray("responses"))));
    }

    @Test
    @Order(12)
    void aServerSideEventFromTheNodeServerReachesSwitchboardHandlersAndTheirAnswersComeBack() throws Exception {
        cluster.member(alpha.base(), Cluster.room());
        JSONObject answer = node.post("server-side-emit", new JSONObject().put("nsp", "/chat").put("event", "count")
                .put("args", new JSONArray()).put("ack", true).put("timeout", 5000));
        assertTrue(!answer.has("error"), answer.toString());
        JSONArray responses = answer.getJSONArray("responses");
        assertEquals(2, responses.length(), "one answer per Switchboard node: " + responses);
        int clients = responses.getJSONObject(0).getInt("clients") + responses.getJSONObject(1).getInt("clients");
        assertTrue(clients >= 1, responses.toString());
    }

    @Test
    @Order(13)
    void aServerSideEventFromSwitchboardGetsAnAnswerFromEveryOtherNodeNodeIncluded() throws Exception {
        JavaClient onBeta = cluster.member(beta.base(), Cluster.room());
        JSONObject spread = (JSONObject) onBeta.call("nodes")[0];
        JSONArray nodes = spread.getJSONArray("nodes");
        assertEquals(3, nodes.length(), nodes.toString());
        assertTrue(nodes.getJSONObject(0).getInt("clients") >= 1, "this node's own count first: " + nodes);
        boolean fromNode = false;
        for (int i = 1; i < nodes.length(); i++) {
            fromNode |= "node".equals(nodes.getJSONObject(i).optString("from"));
        }
        assertTrue(fromNode, "the Node server answered: " + nodes);
    }

    @Test
    @Order(14)
    void aBroadcastWithAcksFromSwitchboardCollectsAnswersFromEveryNode() throws Exception {
        String room = Cluster.room();
        JavaClient caller = cluster.member(alpha.base(), room);
        JavaClient onBeta = cluster.member(beta.base(), room);
        JavaClient onNode = cluster.member(node.base(), room);
        JavaClient elsewhere = cluster.member(beta.base(), Cluster.room());
        onBeta.socket.on("rollcall", args -> ((io.socket.client.Ack) args[args.length - 1]).call("beta here"));
        onNode.socket.on("rollcall", args -> ((io.socket.client.Ack) args[args.length - 1]).call("node here"));
        elsewhere.socket.on("rollcall", args -> ((io.socket.client.Ack) args[args.length - 1]).call("not in the room"));
        JSONObject reply = (JSONObject) caller.call("rollcall", new JSONObject(Map.of("room", room)))[0];
        assertTrue(reply.getBoolean("complete"), reply.toString());
        assertEquals(Set.of("beta here", "node here"), Set.copyOf(values(reply.getJSONArray("answers"))));
    }

    @Test
    @Order(15)
    void aBroadcastWithAcksReportsTheAnswersThatCameWhenOneClientIsSilent() throws Exception {
        String room = Cluster.room();
        JavaClient caller = cluster.member(beta.base(), room);
        JavaClient answers = cluster.member(alpha.base(), room);
        cluster.member(node.base(), room); // never answers
        answers.socket.on("rollcall", args -> ((io.socket.client.Ack) args[args.length - 1]).call("alpha here"));
        JSONObject reply = (JSONObject) caller.call("rollcall", new JSONObject(Map.of("room", room)))[0];
        assertEquals(false, reply.getBoolean("complete"), reply.toString());
        assertEquals(List.of("alpha here"), values(reply.getJSONArray("answers")));
    }

    @Test
    @Order(16)
    void theChatListsTheMembersOfEveryNode() throws Exception {
        String room = Cluster.room();
        for (URI server : List.of(alpha.base(), node.base())) {
            JavaClient client = JavaClient.connect(server, "/chat", Mode.WEBSOCKET, Map.of());
            cluster.track(client);
            assertNull(client.open());
            client.call("join", new JSONObject(Map.of("room", room, "name", server == alpha.base() ? "ada" : "grace")));
        }
        JavaClient onBeta = JavaClient.connect(beta.base(), "/chat", Mode.WEBSOCKET, Map.of());
        cluster.track(onBeta);
        assertNull(onBeta.open());
        JSONObject reply = (JSONObject) onBeta.call("join", new JSONObject(Map.of("room", room, "name", "linus")))[0];
        assertEquals(List.of("linus"), values(reply.getJSONArray("members")).subList(0, 1), "this node's own first");
        assertEquals(Set.of("linus", "ada", "grace"), Set.copyOf(values(reply.getJSONArray("members"))), reply.toString());
    }

    @Test
    @Order(17)
    void malformedMessagesOnTheChannelsAreCountedAndDroppedAndNothingElseIsLost() throws Exception {
        long before = metric(alpha, "switchboard_cluster_malformed_total");
        // on the channel of a room only alpha has: every other node drops it unread (Node's adapter would throw
        // on it in its Redis listener, which has no try/catch)
        String room = Cluster.room();
        cluster.member(alpha.base(), room);
        assertEquals(":3", redis.command("PUBLISH", "socket.io#/chat#" + room + "#", "not MessagePack"),
                "the three nodes' pattern subscriptions heard it");
        redis.command("PUBLISH", "socket.io-request#/chat#", "{\"uid\":\"x\",\"type\":99}");
        redis.command("PUBLISH", "socket.io-request#/chat#", "{broken json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metric(alpha, "switchboard_cluster_malformed_total") < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before + 3, metric(alpha, "switchboard_cluster_malformed_total"));
        aBroadcastOnTheNodeServerReachesSwitchboardClientsWithBinaryIntact();
    }

    @Test
    @Order(25)
    void withRecoveryOnAClientComingBackToItsNodeGetsWhatTheNodeServerAndTheEmitterSentMeanwhile() throws Exception {
        try (SwitchboardNode recovering = SwitchboardNode.start("pubsub-recovery", Map.of("SWITCHBOARD_ADAPTER", "redis",
                "SWITCHBOARD_REDIS_URL", redis.url(), "SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true"))) {
            awaitAdapter(recovering, true);
            NodeTests.run("pubsub-recovery", recovering.base(), Map.of("SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN,
                    "NODE_PEER", node.base().toString()), 120, "src/test/js/recovery/recovery.test.mjs");
        }
    }

    @Test
    @Order(30)
    void aNodeStartsWithoutRedisServesItsClientsAloneThenJoinsAndSurvivesRedisRestarting() throws Exception {
        int port = FreePort.onLoopback();
        String password = "redis-password-for-tests";
        try (SwitchboardNode gamma = SwitchboardNode.start("gamma", Map.of("SWITCHBOARD_ADAPTER", "redis",
                "SWITCHBOARD_REDIS_URL", "redis://:" + password + "@127.0.0.1:" + port))) {
            // no Redis yet: the node is up, ready, says the adapter is not connected, and serves its own clients
            var ready = gamma.api("GET", "api/health/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"adapterConnected\":false"), ready.body());
            String room = Cluster.room();
            JavaClient onGamma = cluster.member(gamma.base(), room);
            BlockingQueue<Object[]> news = onGamma.record("news");
            Cluster.emitOn(gamma, room, "news", "alone");
            assertEquals("alone", JavaClient.next(news, "news while alone")[0]);
            assertTrue(metric(gamma, "switchboard_cluster_publish_failures_total") >= 1, "the lost publish is counted");
            assertTrue(!gamma.api("GET", "api/info", null).body().contains(password), "the password is never shown");

            try (RedisServer second = RedisServer.start(port, password)) {
                awaitAdapter(gamma, true);
                try (NodePeer peer = NodePeer.start(second.url())) {
                    emitterTo(peer, room, "through Redis");
                    assertEquals("through Redis", JavaClient.next(news, "news from the emitter")[0]);
                    second.close(); // Redis goes away while the node runs
                    awaitAdapter(gamma, false);
                    Cluster.emitOn(gamma, room, "news", "still here");
                    assertEquals("still here", JavaClient.next(news, "local news without Redis")[0]);
                    try (RedisServer again = RedisServer.start(port, password)) {
                        awaitAdapter(gamma, true); // Lettuce reconnected and subscribed again
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        Object[] heard = null;
                        while (heard == null && System.nanoTime() < deadline) {
                            try {
                                emitterTo(peer, room, "after the restart"); // the peer's client reconnects by itself
                                heard = news.poll(1, TimeUnit.SECONDS);
                            } catch (java.io.IOException peerNotBackYet) {
                                Thread.sleep(500);
                            }
                        }
                        assertTrue(heard != null && "after the restart".equals(heard[0]), "no news after Redis came back");
                    }
                }
            }
        }
    }

    @Test
    @Order(32)
    void overTlsWithAPasswordANodeTrustingAPrivateCertificateSharesTheClusterBothWays() throws Exception {
        TestCertificate certificate = TestCertificate.make(Path.of("target", "cluster-logs", "redis-tls"));
        String password = "redis-password-for-tls";
        try (RedisServer tls = RedisServer.startWithTls(password, certificate);
             // the node reaches Redis only through its TLS port, and trusts its certificate as ops would make a
             // JVM trust a private CA: Lettuce verifies the peer (certificate and 127.0.0.1 as its name) by default
             SwitchboardNode delta = SwitchboardNode.start("delta-tls", Map.of("SWITCHBOARD_ADAPTER", "redis",
                     "SWITCHBOARD_REDIS_URL", tls.tlsUrl(), "JAVA_TOOL_OPTIONS", certificate.trustOptions()));
             NodePeer peer = NodePeer.start(tls.url())) {
            awaitAdapter(delta, true);
            assertTrue(!delta.api("GET", "api/info", null).body().contains(password), "the password is never shown");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (peer.get("server-count?nsp=/chat").getInt("count") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(2, peer.get("server-count?nsp=/chat").getInt("count"), "the node subscribed over TLS");

            String room = Cluster.room();
            JavaClient onDelta = cluster.member(delta.base(), room);
            JavaClient onNode = cluster.member(peer.base(), room);
            BlockingQueue<Object[]> deltaNews = onDelta.record("news");
            BlockingQueue<Object[]> nodeNews = onNode.record("news");
            Cluster.emitOn(delta, room, "news", "from delta over TLS");
            assertEquals("from delta over TLS", JavaClient.next(nodeNews, "news on the Node peer")[0]);
            assertEquals("from delta over TLS", JavaClient.next(deltaNews, "news on delta")[0]);
            emitterTo(peer, room, "from the emitter");
            assertEquals("from the emitter", JavaClient.next(deltaNews, "the emitter's news on delta, over TLS")[0]);
        }
    }

    private static void emitterTo(NodePeer peer, String room, String text) throws Exception {
        peer.post("emitter", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "news").put("args", new JSONArray().put(text)));
    }

    private static void awaitAdapter(SwitchboardNode server, boolean connected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = server.api("GET", "api/health/ready", null).body();
            if (body.contains("\"adapterConnected\":" + connected)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("adapterConnected never " + connected + ": " + body);
    }

    private static long metric(SwitchboardNode server, String name) throws Exception {
        return server.metric(name);
    }

    @Test
    @Order(20)
    void behindTheShippedNginxPollingClientsUpgradeAndHearBothNodes() throws Exception {
        Path serverConfig = Path.of(System.getProperty("switchboard.serverConfig", "server-config"));
        NginxProxy.install(serverConfig);
        try (NginxProxy proxy = NginxProxy.startCluster("cluster-it", serverConfig, alpha.base().getPort(), beta.base().getPort())) {
            String room = Cluster.room();
            URI front = URI.create("http://127.0.0.1:" + proxy.port() + "/");
            JavaClient client = JavaClient.connect(front, "/chat", Mode.UPGRADE, Map.of());
            cluster.track(client);
            assertNull(client.open());
            client.call("join", new JSONObject(Map.of("room", room, "name", "behind-nginx")));
            awaitTransport(client.socket.id(), "websocket"); // polling first, then the upgrade, all through nginx
            BlockingQueue<Object[]> news = client.record("news");
            // whichever node the hash picked, one of these is a broadcast made on the other node
            Cluster.emitOn(alpha, room, "news", "from alpha");
            Cluster.emitOn(beta, room, "news", "from beta");
            Set<Object> heard = Set.of(JavaClient.next(news, "news")[0], JavaClient.next(news, "news")[0]);
            assertEquals(Set.of("from alpha", "from beta"), heard);
            // and the official JavaScript client, the same way
            NodeTests.run("cluster-behind-balancer", front, Map.of("SWITCHBOARD_NODES", alpha.base() + "," + beta.base(),
                    "SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN), 120, "src/test/js/cluster/behind-balancer.test.mjs");
        }
    }

    /** As Node's Admin UI on a cluster: every node's statistics reach a dashboard on any, and its commands reach every node. */
    @Test
    @Order(31)
    void aDashboardOnOneNodeSeesEveryNodesStatisticsAndSteersTheOthersSockets() throws Exception {
        JavaClient onBeta = cluster.member(beta.base(), Cluster.room());
        JavaClient dashboard = cluster.track(JavaClient.connect(alpha.base(), "/admin", Mode.WEBSOCKET,
                Map.of("username", "admin", "password", SwitchboardNode.ADMIN_UI_PASSWORD)));
        BlockingQueue<Object[]> stats = dashboard.record("server_stats");
        assertNull(dashboard.open());
        Set<String> servers = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (servers.size() < 2 && System.nanoTime() < deadline) {
            servers.add(((JSONObject) JavaClient.next(stats, "server_stats")[0]).getString("serverId"));
        }
        assertEquals(2, servers.size(), "statistics of alpha and beta: " + servers);

        BlockingQueue<Object[]> gone = onBeta.record(io.socket.client.Socket.EVENT_DISCONNECT);
        dashboard.socket.emit("_disconnect", "/chat", false, onBeta.socket.id());
        assertEquals("io server disconnect", JavaClient.next(gone, "disconnect on beta")[0]);
    }

    @Test
    @Order(100)
    void whenANodeDiesTheOthersKeepServingAndCountOneLess() throws Exception {
        String room = Cluster.room();
        JavaClient onAlpha = cluster.member(alpha.base(), room);
        BlockingQueue<Object[]> atAlpha = onAlpha.record("news");
        beta.kill();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int count;
        do {
            count = node.get("server-count?nsp=/chat").getInt("count");
        } while (count != 2 && System.nanoTime() < deadline && sleep());
        assertEquals(2, count, "Redis dropped the dead node's subscriptions");
        node.post("emit", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room)))
                .put("event", "news").put("args", new JSONArray().put("after the death")));
        assertEquals("after the death", JavaClient.next(atAlpha, "news")[0]);
        JSONObject fetched = node.post("fetch-sockets", new JSONObject().put("nsp", "/chat").put("rooms", new JSONArray(List.of(room))));
        assertEquals(1, fetched.getJSONArray("sockets").length(), "fetchSockets answers without the dead node");
    }

    /** The items of a JSON array (this org.json has no toList). */
    private static List<Object> values(JSONArray array) throws Exception {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < array.length(); i++) {
            items.add(array.get(i));
        }
        return items;
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(200);
        return true;
    }

    /** Waits until one of the two Switchboard nodes lists the socket with this transport. */
    private static void awaitTransport(String socketId, String transport) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = "nothing";
        while (System.nanoTime() < deadline) {
            for (SwitchboardNode server : List.of(alpha, beta)) {
                JSONArray sockets = new JSONObject(server.api("GET", "api/sockets?namespace=/chat&local=true", null).body())
                        .getJSONArray("sockets");
                for (int i = 0; i < sockets.length(); i++) {
                    if (sockets.getJSONObject(i).getString("id").equals(socketId)) {
                        seen = sockets.getJSONObject(i).getString("transport");
                        if (seen.equals(transport)) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(socketId + " never on " + transport + " (last seen: " + seen + ")");
    }

    /** Waits until the node's /api/rooms lists the socket in the room. */
    private static void awaitMember(SwitchboardNode server, String room, String socketId) throws Exception {
        awaitRoom(server, room, socketId, true);
    }

    private static void awaitNotMember(SwitchboardNode server, String room, String socketId) throws Exception {
        awaitRoom(server, room, socketId, false);
    }

    private static void awaitRoom(SwitchboardNode server, String room, String socketId, boolean present) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var response = server.api("GET", "api/sockets?namespace=/chat&local=true", null);
            boolean found = false;
            JSONArray sockets = new JSONObject(response.body()).getJSONArray("sockets");
            for (int i = 0; i < sockets.length(); i++) {
                JSONObject socket = sockets.getJSONObject(i);
                if (socket.getString("id").equals(socketId) && values(socket.getJSONArray("rooms")).contains(room)) {
                    found = true;
                }
            }
            if (found == present) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(socketId + (present ? " never joined " : " never left ") + room + ": " + response.body());
            }
            Thread.sleep(100);
        }
    }
}
