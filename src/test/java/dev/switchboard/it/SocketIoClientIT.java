package dev.switchboard.it;

import dev.switchboard.conformance.CustomNamespace;
import dev.switchboard.conformance.MainNamespace;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.TestNamespace;
import io.socket.client.Ack;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Socket.IO through the official Java client, over WebSocket, polling, and polling upgraded to WebSocket. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SocketIoClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class, MainNamespace.class, CustomNamespace.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void mainNamespaceSeesTheAuthObject(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/", mode, Map.of("token", "123"))) {
            BlockingQueue<Object[]> auth = client.record("auth");
            assertNull(client.open());
            Object[] event = auth.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event, "auth event after connect");
            assertEquals("123", ((JSONObject) event[0]).getString("token"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsAndAcksTravelBothWays(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", mode, Map.of())) {
            BlockingQueue<Object[]> welcome = client.record("welcome");
            assertNull(client.open());
            assertEquals(client.socket.id(), JavaClient.next(welcome, "welcome")[0], "emit from @OnConnect arrives after CONNECT");
            assertEquals("héllo 👋", client.call("echo", "héllo 👋")[0]);
            assertEquals(42, ((Number) client.call("sum", 40, 2)[0]).intValue());
            assertEquals("later:x", client.call("later", "x")[0]);

            client.socket.on("question", args -> ((Ack) args[args.length - 1]).call("yes"));
            assertEquals("answer:yes", client.call("ask", 5000)[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void binaryTravelsBothWays(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", mode, Map.of())) {
            assertNull(client.open());
            byte[] data = new byte[300];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) i;
            }
            Object[] ack = client.call("binary", (Object) data);
            byte[] reversed = (byte[]) ack[0];
            assertEquals(300, ((Number) ack[1]).intValue());
            for (int i = 0; i < data.length; i++) {
                assertEquals(data[data.length - 1 - i], reversed[i]);
            }
        }
    }

    @Test
    void pollingUpgradesToWebSocket() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.UPGRADE, Map.of())) {
            assertNull(client.open());
            assertEquals("websocket", client.awaitTransport("websocket"));
            assertEquals("still works", client.call("echo", "still works")[0]);
        }
    }

    @Test
    void broadcastReachesEveryMemberOfTheRoomOnce() throws Exception {
        List<JavaClient> clients = new ArrayList<>();
        List<BlockingQueue<Object[]>> inboxes = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                JavaClient client = JavaClient.connect(base(), "/test", Mode.values()[i % 3], Map.of());
                clients.add(client);
                inboxes.add(client.record("shout"));
                assertNull(client.open());
                if (i % 2 == 0) {
                    client.call("join", "evens");
                }
            }
            assertEquals(6, ((Number) clients.get(1).call("shout", new JSONObject(Map.of("room", "evens", "text", "hi evens")))[0]).intValue());
            for (int i = 0; i < clients.size(); i += 2) {
                Object[] shout = inboxes.get(i).poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertNotNull(shout, "member " + i + " got the broadcast");
                assertEquals("hi evens", shout[0]);
            }
            // one more round trip each, so anything wrongly delivered would have arrived by now
            for (JavaClient client : clients) {
                client.call("echo", "sync");
            }
            for (int i = 0; i < clients.size(); i++) {
                assertTrue(inboxes.get(i).isEmpty(), "client " + i + " got nothing more, but got "
                        + inboxes.get(i).stream().map(java.util.Arrays::toString).toList());
            }
        } finally {
            clients.forEach(JavaClient::close);
        }
    }

    @Test
    void rejectedConnectGetsMessageAndData() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of("token", "reject"))) {
            JSONObject error = (JSONObject) client.open();
            assertEquals("Not authorized", error.getString("message"));
            assertEquals("bad token", error.getJSONObject("data").getString("reason"));
        }
    }

    @Test
    void unknownNamespaceGetsConnectErrorObject() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/nowhere", Mode.WEBSOCKET, Map.of())) {
            JSONObject error = (JSONObject) client.open();
            assertEquals("Invalid namespace", error.getString("message"));
        }
    }

    @Test
    void serverAckTimeoutReachesTheHandlerAndLateAckIsDropped() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(client.open());
            CompletableFuture<Ack> held = new CompletableFuture<>();
            client.socket.on("question", args -> held.complete((Ack) args[args.length - 1]));
            assertEquals("failed:timeout", client.call("ask", 300)[0]);
            held.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).call("too late");
            assertEquals("after late ack", client.call("echo", "after late ack")[0], "a late ack changes nothing");
        }
    }

    @Test
    void throwingHandlerLeavesTheConnectionUp() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(client.open());
            client.socket.emit("boom");
            assertEquals("alive", client.call("echo", "alive")[0]);
            assertTrue(client.socket.connected());
        }
    }

    @Test
    void disconnectHandlerRunsWithReason() throws Exception {
        try (JavaClient watcher = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of());
             JavaClient leaver = JavaClient.connect(base(), "/test", Mode.POLLING, Map.of())) {
            assertNull(watcher.open());
            watcher.call("join", "watchers");
            BlockingQueue<Object[]> gone = watcher.record("gone");
            assertNull(leaver.open());
            String leaverId = leaver.socket.id();
            leaver.socket.disconnect();
            Object[] event = gone.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event);
            assertEquals(leaverId, event[0]);
            assertEquals("client namespace disconnect", event[1]);
        }
    }

    @Test
    void customNamespacesAreMultiplexedOnOneConnection() throws Exception {
        try (JavaClient main = JavaClient.connect(base(), "/", Mode.WEBSOCKET, Map.of())) {
            assertNull(main.open());
            io.socket.client.Socket custom = main.socket.io().socket("/custom");
            CompletableFuture<Object[]> auth = new CompletableFuture<>();
            custom.on("auth", auth::complete);
            custom.connect();
            assertNotNull(auth.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertTrue(custom.connected());
            BlockingQueue<Object[]> back = main.record("message-back");
            custom.disconnect();
            main.socket.emit("message", "to main");
            assertArrayEquals(new Object[] {"to main"}, back.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
