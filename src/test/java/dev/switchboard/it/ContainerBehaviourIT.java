package dev.switchboard.it;

import dev.switchboard.conformance.CustomNamespace;
import dev.switchboard.conformance.MainNamespace;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.InterceptedNamespace;
import dev.switchboard.it.support.ScopedNamespace;
import dev.switchboard.it.support.Tagged;
import dev.switchboard.it.support.TaggingInterceptor;
import dev.switchboard.it.support.TestNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where Jakarta EE containers are allowed to differ and Switchboard must not: the Origin header on the WebSocket
 * handshake and on polling (CORS), the peer address, per-connection handshake data, messages just under maxPayload
 * (100000 in the container tests) through each container's buffers. Each test caught, or would catch, a container
 * that behaves differently from the others.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerBehaviourIT {
    private static final int MAX_PAYLOAD = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALLOWED_ORIGIN = "http://allowed.example"; // switchboard.allowedOrigins in pom.xml

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class, MainNamespace.class, CustomNamespace.class,
                InterceptedNamespace.class, Tagged.class, TaggingInterceptor.class, ScopedNamespace.class,
                ScopedNamespace.CallScope.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void webSocketFromAForeignOriginIsRefused() throws Exception {
        // WebSocketUpgradeFilter answers 403 before the upgrade. A container that upgrades before application filters run
        // still gets no session: the endpoint refuses the same origin with close 1008 and no open packet.
        try (FrameSocket socket = FrameSocket.connect(base(), "EIO=4&transport=websocket", Map.of("Origin", "http://evil.example"))) {
            if (socket.response.status() != 101) {
                assertEquals(403, socket.response.status(), "refused before the upgrade: " + socket.response);
                return;
            }
            FrameSocket.Closed closed = socket.expectClose(WAIT); // no open packet for a refused origin
            assertEquals(1008, closed.code(), "policy violation: " + closed);
        }
    }

    @Test
    void webSocketFromAnAllowedOriginOpensASession() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket", Map.of("Origin", ALLOWED_ORIGIN))) {
            assertTrue(socket.nextText(WAIT).startsWith("0{\"sid\":"));
        }
    }

    @Test
    void webSocketFromThePagesOwnOriginOpensASession() throws Exception {
        String own = "http://" + base().getHost() + ":" + base().getPort();
        try (FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket", Map.of("Origin", own))) {
            assertTrue(socket.nextText(WAIT).startsWith("0{\"sid\":"));
        }
    }

    @Test
    void pollingPreflightFromAnAllowedOriginGetsCorsHeaders() throws Exception {
        HttpResponse<String> response = http(HttpRequest.newBuilder(base().resolve("socket.io/?EIO=4&transport=polling"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertEquals(204, response.statusCode());
        assertEquals(ALLOWED_ORIGIN, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", response.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    @Test
    void pollingHandshakeFromAForeignOriginIsForbiddenWithoutCorsHeaders() throws Exception {
        HttpResponse<String> response = http(HttpRequest.newBuilder(base().resolve("socket.io/?EIO=4&transport=polling"))
                .header("Origin", "http://evil.example"));
        assertEquals(403, response.statusCode());
        assertEquals(4, new JSONObject(response.body()).getInt("code"), response.body());
        assertFalse(response.headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void handshakeKnowsThePeerAddress(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", mode, Map.of())) {
            assertNull(client.open());
            JSONObject handshake = (JSONObject) client.call("handshake")[0];
            assertEquals("127.0.0.1", handshake.getString("address"), handshake.toString());
        }
    }

    /**
     * Handler beans are called as CDI beans: an interceptor on a handler method runs on every call, and the calls
     * reach one application-scoped instance (its count goes on from call to call).
     */
    @Test
    void aHandlerMethodsInterceptorRunsOnEveryCall() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(client.open());
            String first = (String) client.call("tagged", "a")[0];
            String second = (String) client.call("tagged", "b")[0];
            assertTrue(first.startsWith("tagged:a#"), first);
            int count = Integer.parseInt(first.substring("tagged:a#".length()));
            assertEquals("tagged:b#" + (count + 1), second);
        }
    }

    /**
     * Handlers run outside any HTTP request, over long-polling as over WebSocket: no CDI request context is active
     * (Engine.IO's requests start none), and a handler method with {@code @ActivateRequestContext} gets one of its
     * own for each call.
     */
    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"WEBSOCKET", "POLLING"})
    void handlersRunWithoutARequestContextUnlessTheyActivateOne(Mode mode) throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", mode, Map.of())) {
            assertNull(client.open());
            assertEquals(false, client.call("requestContextActive")[0]);
            String first = (String) client.call("scopedTwice")[0];
            String second = (String) client.call("scopedTwice")[0];
            assertTrue(first.endsWith(":2"), first);
            assertTrue(second.endsWith(":2"), second);
            assertNotEquals(first, second, "each call has a request context of its own");
        }
    }

    /** The upgrade's query is read from its raw text: percent-escapes and '+' are decoded, the first value wins. */
    @Test
    void aWebSocketsQueryReachesTheHandlerDecoded() throws Exception {
        try (FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket&probe=Zo%C3%AB+%26+co&probe=second")) {
            socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("0{"), WAIT);
            socket.sendText("40/test,");
            socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("40/test,"), WAIT);
            socket.sendText("42/test,1[\"handshake\"]");
            String ack = socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("43/test,1"), WAIT);
            assertEquals("Zo\u00eb & co",
                    new JSONArray(ack.substring("43/test,1".length())).getJSONObject(0).getString("query"));
        }
    }

    /** Handshake data travels from the Configurator to the endpoint per connection, even when handshakes overlap. */
    @Test
    void eachOfManyConcurrentWebSocketsSeesItsOwnHandshake() throws Exception {
        int connections = 24;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> seen = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                String probe = "p" + i;
                seen.add(pool.submit(() -> {
                    start.await();
                    try (FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket&probe=" + probe,
                            FrameSocket.NO_ORIGIN)) {
                        socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("0{"), WAIT);
                        socket.sendText("40/test,");
                        socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("40/test,"), WAIT);
                        socket.sendText("42/test,1[\"handshake\"]");
                        String ack = socket.awaitTextAnsweringHeartbeat(text -> text.startsWith("43/test,1"), WAIT);
                        // and leaves cleanly, all at about the same time: the server answers each close
                        assertEquals(1000, socket.closeNormally(WAIT).code(), "the answer to the client's close");
                        return new JSONArray(ack.substring("43/test,1".length())).getJSONObject(0).getString("query");
                    }
                }));
            }
            start.countDown();
            for (int i = 0; i < connections; i++) {
                assertEquals("p" + i, seen.get(i).get(3 * WAIT.toSeconds(), TimeUnit.SECONDS), "connection " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"WEBSOCKET", "POLLING"})
    void aMessageJustUnderMaxPayloadTravelsBothWays(Mode mode) throws Exception {
        String text = "x".repeat(MAX_PAYLOAD - 100); // with its packet framing, just under the limit
        try (JavaClient client = JavaClient.connect(base(), "/test", mode, Map.of())) {
            assertNull(client.open());
            assertEquals(text, client.call("echo", text)[0]);
        }
    }

    private static HttpResponse<String> http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
