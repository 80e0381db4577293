package dev.switchboard.it;

import dev.switchboard.it.support.DynamicParityNamespace;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.NodeTests;
import dev.switchboard.it.support.ParityNamespace;
import dev.switchboard.it.support.TeamMatcher;
import dev.switchboard.it.support.TeamParityNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The handler API Node users know (dynamic namespaces, catch-all, per-event middleware, outgoing audit,
 * disconnecting, broadcast acks, remote sockets), shown equal to Node's: the official JavaScript client runs one
 * script against this deployment and against a Node socket.io server written the same way
 * (src/test/js/parity), and the official Java client checks the same behaviour here.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ParityIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(ParityNamespace.class, DynamicParityNamespace.class,
                TeamMatcher.class, TeamParityNamespace.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void theJavaScriptClientSeesTheSameAsFromANodeServer() throws Exception {
        NodeTests.run("parity", base(), 240, "src/test/js/parity/");
    }

    @Test
    void aNamespaceMadeFromAPatternNamesItselfAndAnUnmatchedNameIsInvalid() throws Exception {
        try (JavaClient seven = JavaClient.connect(base(), "/dyn-7", Mode.WEBSOCKET, Map.of());
             JavaClient invalid = JavaClient.connect(base(), "/dyn-x", Mode.WEBSOCKET, Map.of())) {
            BlockingQueue<Object[]> welcome = seven.record("welcome");
            assertEquals(null, seven.open());
            assertEquals("/dyn-7", ((JSONObject) JavaClient.next(welcome, "welcome")[0]).getString("namespace"));
            assertEquals("/dyn-7", ((JSONObject) seven.call("whereami")[0]).getString("namespace"));
            Object refused = invalid.open();
            assertEquals("Invalid namespace", refused instanceof JSONObject error ? error.getString("message") : refused);
        }
    }

    @Test
    void middlewareStopsAnEventWithAnErrorEventAndTheCatchAllTakesWhatNoHandlerTakes() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/parity", Mode.POLLING, Map.of())) {
            BlockingQueue<Object[]> errors = client.record("error");
            BlockingQueue<Object[]> unhandled = client.record("unhandled");
            assertEquals(null, client.open());

            client.socket.emit("forbidden-move", 1);
            assertEquals("forbidden event", ((JSONObject) JavaClient.next(errors, "error event")[0]).getString("message"));

            JSONObject answer = (JSONObject) client.call("cursor", 3, "x")[0];
            assertEquals("cursor", answer.getString("event"));
            assertEquals("[3,\"x\"]", answer.getJSONArray("args").toString());

            client.socket.emit("typing", true);
            JSONObject event = (JSONObject) JavaClient.next(unhandled, "unhandled")[0];
            assertEquals("typing", event.getString("event"));
            assertEquals("[true]", event.getJSONArray("args").toString());
            assertEquals(List.of("hi", 2), List.of(client.call("echo", "hi", 2)), "a handled event is not the catch-all's");
            assertEquals(0, errors.size(), "only the forbidden event was stopped");
        }
    }

    @Test
    void disconnectingTellsTheRoomsBeforeDisconnectRunsWithNoneLeft() throws Exception {
        try (JavaClient stays = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of());
             JavaClient leaves = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of())) {
            assertEquals(null, stays.open());
            assertEquals(null, leaves.open());
            BlockingQueue<Object[]> leaving = stays.record("leaving");
            BlockingQueue<Object[]> gone = stays.record("gone");
            stays.call("join", "java-r1");
            leaves.call("join", "java-r1");
            leaves.call("join", "java-r2");

            leaves.socket.disconnect();

            JSONObject told = (JSONObject) JavaClient.next(leaving, "leaving")[0];
            assertEquals("java-r1", told.getString("room"));
            assertEquals("[\"java-r1\",\"java-r2\"]", told.getJSONArray("rooms").toString());
            JSONObject after = (JSONObject) JavaClient.next(gone, "gone")[0];
            assertEquals("[]", after.getJSONArray("rooms").toString());
            assertEquals("client namespace disconnect", after.getString("reason"));
            assertEquals(0, leaving.size(), "r2 had no one else to tell");
        }
    }

    @Test
    void aBroadcastWithAcksGivesEveryAnswerOrATimeoutWithTheAnswersThatCame() throws Exception {
        try (JavaClient a = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of());
             JavaClient b = JavaClient.connect(base(), "/parity", Mode.POLLING, Map.of());
             JavaClient silent = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of());
             JavaClient poller = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of())) {
            answer(a, "a");
            answer(b, "b");
            for (JavaClient client : List.of(a, b, silent, poller)) {
                assertEquals(null, client.open());
            }
            a.call("join", "java-poll");
            b.call("join", "java-poll");
            JSONObject all = (JSONObject) poller.call("poll", "java-poll", 5000)[0];
            assertEquals("[\"a\",\"b\"]", all.getJSONArray("answers").toString());
            assertEquals(false, all.getBoolean("timedOut"));

            silent.call("join", "java-poll");
            JSONObject partial = (JSONObject) poller.call("poll", "java-poll", 300)[0];
            assertEquals("[\"a\",\"b\"]", partial.getJSONArray("answers").toString());
            assertEquals(true, partial.getBoolean("timedOut"));
        }
    }

    private static void answer(JavaClient client, String letter) {
        client.socket.on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call(letter));
    }

    @Test
    void fetchedSocketsAreToldMovedAndDisconnectedWhereTheyAre() throws Exception {
        try (JavaClient ann = JavaClient.connect(base(), "/parity", Mode.POLLING, Map.of());
             JavaClient caller = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of())) {
            BlockingQueue<Object[]> notices = ann.record("notice");
            BlockingQueue<Object[]> disconnects = ann.record(io.socket.client.Socket.EVENT_DISCONNECT);
            assertEquals(null, ann.open());
            assertEquals(null, caller.open());
            assertEquals("ann", ((JSONObject) ann.call("name", "ann")[0]).getString("name"));
            ann.call("join", "java-q");

            assertEquals(1, ((JSONObject) caller.call("round-up", "java-q")[0]).getInt("count"));
            JSONObject notice = (JSONObject) JavaClient.next(notices, "notice")[0];
            assertEquals("ann", notice.getString("name"));
            assertEquals("[\"java-q\"]", notice.getJSONArray("rooms").toString());
            assertEquals("[\"elsewhere\"]", ((JSONObject) ann.call("rooms")[0]).getJSONArray("rooms").toString());

            caller.call("eject", "elsewhere");
            assertEquals("io server disconnect", JavaClient.next(disconnects, "disconnect")[0]);
        }
    }

    @Test
    void theParentOfAPatternReachesEveryNamespaceMadeFromIt() throws Exception {
        try (JavaClient eleven = JavaClient.connect(base(), "/dyn-11", Mode.WEBSOCKET, Map.of());
             JavaClient twelve = JavaClient.connect(base(), "/dyn-12", Mode.POLLING, Map.of());
             JavaClient caller = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of())) {
            BlockingQueue<Object[]> atEleven = eleven.record("news");
            BlockingQueue<Object[]> atTwelve = twelve.record("news");
            for (JavaClient client : List.of(eleven, twelve, caller)) {
                assertEquals(null, client.open());
            }
            String live = ((JSONObject) caller.call("namespaces")[0]).getJSONArray("namespaces").toString();
            assertEquals(true, live.contains("/dyn-11") && live.contains("/dyn-12"), live);

            caller.call("announce", "hello");
            assertEquals("hello", JavaClient.next(atEleven, "news on /dyn-11")[0]);
            assertEquals("hello", JavaClient.next(atTwelve, "news on /dyn-12")[0]);
        }
    }

    @Test
    void theOutgoingAuditSeesEmitsAndBroadcastsButNotAcks() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/parity", Mode.WEBSOCKET, Map.of())) {
            BlockingQueue<Object[]> shouted = client.record("shouted");
            assertEquals(null, client.open());
            client.call("echo", "acked, not an event");
            client.socket.emit("echo", "sent back");
            client.socket.emit("shout", "all");
            JavaClient.next(shouted, "shouted");
            assertEquals("[\"welcome\",\"echo\",\"shouted\"]", client.call("outgoing")[0].toString());
        }
    }
}
