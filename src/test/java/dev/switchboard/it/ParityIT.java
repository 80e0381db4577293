package dev.switchboard.it;

import dev.switchboard.it.support.DynamicParityNamespace;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.NodeTests;
import dev.switchboard.it.support.ParityNamespace;
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
        return Deployments.war().addClasses(ParityNamespace.class, DynamicParityNamespace.class);
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
}
