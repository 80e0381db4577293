package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.TestNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.Api.json;
import static dev.switchboard.it.support.Api.value;
import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits on the wire, on a server started with maxConnections=3, maxPollsInFlight=2, maxPacketRate=5 and
 * packetBurst=10, and without API tokens (arquillian.xml and arquillian-openliberty.xml, container limits). Each test checks that
 * clients within the limits keep working while one beyond them is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(TIMEOUT_SECONDS);

    @Deployment(testable = false)
    @TargetsContainer("limits")
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    /** Every test starts on an empty server: the sessions of the one before have closed. */
    @BeforeEach
    void noSessionsLeft() throws Exception {
        // a closed session keeps its place until its connection is gone (at most 2 s after the close on WebSocket)
        Map<String, Long> metrics = new Api(base()).awaitMetrics(m -> sessions(m) == 0 && places(m) == 0);
        assertEquals(0, sessions(metrics), "sessions left over: " + metrics);
        assertEquals(0, places(metrics), "connections still holding a place: " + metrics);
    }

    @Test
    void handshakeBeyondMaxConnectionsIsRefusedWhileTheOthersKeepWorking() throws Exception {
        Api api = new Api(base());
        Map<String, Long> before = api.metrics();
        List<JavaClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of());
                clients.add(client);
                assertNull(client.open(), "client " + i + " within the limit");
            }
            HttpResponse<String> polling = PollingClient.handshake(base(), Map.of());
            assertEquals(503, polling.statusCode());
            assertEquals("{\"code\":4,\"message\":\"Too many connections\"}", polling.body());
            assertTrue(polling.headers().firstValue("Retry-After").isPresent());

            try (FrameSocket refused = FrameSocket.open(base())) {
                FrameSocket.Closed closed = refused.expectClose(WAIT); // no open packet
                assertEquals(1013, closed.code(), "Try Again Later");
                assertEquals("{\"code\":4,\"message\":\"Too many connections\"}", closed.reason());
            }
            for (JavaClient client : clients) {
                assertEquals("still here", client.call("echo", "still here")[0]);
            }
            Map<String, Long> after = api.metrics();
            assertEquals(value(before, "switchboard_limit_refusals_total{limit=\"connections\"}") + 2,
                    value(after, "switchboard_limit_refusals_total{limit=\"connections\"}"));
            assertEquals(3, value(after, "switchboard_engine_sessions_limit"));

            clients.remove(0).close();
            assertEquals(2, places(api.awaitMetrics(m -> places(m) == 2)));
            PollingClient.open(base(), Map.of()); // a place is free again
        } finally {
            clients.forEach(JavaClient::close);
        }
    }

    @Test
    void pollsBeyondMaxPollsInFlightAreRefusedAndEndTheirSession() throws Exception {
        Api api = new Api(base());
        Map<String, Long> before = api.metrics();
        PollingClient.Session first = PollingClient.open(base(), Map.of());
        PollingClient.Session second = PollingClient.open(base(), Map.of());
        PollingClient.Session third = PollingClient.open(base(), Map.of());
        // nothing is queued for them until the first ping: these two GETs wait
        CompletableFuture<HttpResponse<String>> firstWaits = CompletableFuture.supplyAsync(() -> get(first));
        CompletableFuture<HttpResponse<String>> secondWaits = CompletableFuture.supplyAsync(() -> get(second));
        Map<String, Long> waiting = api.awaitMetrics(m -> value(m, "switchboard_engine_polls_in_flight") == 2);
        assertEquals(2, value(waiting, "switchboard_engine_polls_in_flight"));

        HttpResponse<String> refused = third.get();
        assertEquals(503, refused.statusCode());
        assertEquals("{\"code\":4,\"message\":\"Too many polls in flight\"}", refused.body());
        assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", third.post("40").body(), "the refused poll ended its session");

        HttpResponse<String> handshake = PollingClient.handshake(base(), Map.of());
        assertEquals(503, handshake.statusCode());
        assertEquals("{\"code\":4,\"message\":\"Too many polls in flight\"}", handshake.body());

        try (JavaClient websocket = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(websocket.open(), "WebSocket clients hold no poll");
            assertEquals("fine", websocket.call("echo", "fine")[0]);
        }
        assertEquals(value(before, "switchboard_limit_refusals_total{limit=\"polls_in_flight\"}") + 2,
                value(api.metrics(), "switchboard_limit_refusals_total{limit=\"polls_in_flight\"}"));

        first.post("1");
        second.post("1");
        assertEquals(200, firstWaits.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).statusCode());
        assertEquals(200, secondWaits.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void connectionSendingFasterThanItsRateIsClosedWhileOthersKeepWorking() throws Exception {
        Api api = new Api(base());
        Map<String, Long> before = api.metrics();
        try (JavaClient calm = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of());
             FrameSocket flood = FrameSocket.open(base())) {
            assertNull(calm.open());
            assertTrue(flood.nextText(WAIT).startsWith("0{"));
            flood.sendText("40");
            assertTrue(flood.nextText(WAIT).startsWith("40{"));
            try {
                for (int i = 0; i < 30; i++) {
                    flood.sendText("42[\"nobody-listens\"," + i + "]");
                }
            } catch (IOException closedMidFlood) {
                // the server may close the connection before the flood is over: sending stops there
            }
            while (!flood.nextText(WAIT).equals("1")) {
                // acks and pings before the close packet
            }
            FrameSocket.Closed closed = flood.awaitClose(WAIT);
            assertEquals(1008, closed.code());
            assertEquals("rate limit exceeded", closed.reason());

            assertEquals("unaffected", calm.call("echo", "unaffected")[0]);
            Map<String, Long> after = api.metrics();
            assertEquals(value(before, "switchboard_limit_refusals_total{limit=\"packet_rate\"}") + 1,
                    value(after, "switchboard_limit_refusals_total{limit=\"packet_rate\"}"));
            assertEquals(value(before, "switchboard_engine_disconnects_total{reason=\"rate limit exceeded\"}") + 1,
                    value(after, "switchboard_engine_disconnects_total{reason=\"rate limit exceeded\"}"));
        }
    }

    @Test
    void credentialEndpointsAreRefusedWhenNoTokenIsConfigured() throws Exception {
        Api api = new Api(base());
        for (String token : new String[] {null, Api.ADMIN_TOKEN, "anything-at-all-0123456789"}) {
            assertEquals(403, api.get("sockets", token).statusCode(), "sockets with " + token);
            assertEquals(403, api.get("rooms", token).statusCode(), "rooms with " + token);
            HttpResponse<String> emit = api.emit(token, "{\"namespace\":\"/test\",\"event\":\"e\"}");
            assertEquals(403, emit.statusCode());
            assertTrue(json(emit).getString("message").contains("SWITCHBOARD_ADMIN_TOKEN"), emit.body());
        }
        assertEquals("", json(api.get("info", null)).getJsonObject("config").getString("adminToken"));
        assertEquals(200, api.get("metrics", null).statusCode(), "metrics and health need no credential");
        assertEquals(200, api.get("health/ready", null).statusCode());
    }

    private static long places(Map<String, Long> metrics) {
        return value(metrics, "switchboard_engine_connections");
    }

    private static long sessions(Map<String, Long> metrics) {
        return value(metrics, "switchboard_engine_sessions{transport=\"polling\"}")
                + value(metrics, "switchboard_engine_sessions{transport=\"websocket\"}");
    }

    private static HttpResponse<String> get(PollingClient.Session client) {
        try {
            return client.get();
        } catch (Exception failure) {
            throw new java.util.concurrent.CompletionException(failure);
        }
    }
}
