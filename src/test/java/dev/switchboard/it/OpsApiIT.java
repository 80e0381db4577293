package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.TestNamespace;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.Api.ADMIN_TOKEN;
import static dev.switchboard.it.support.Api.PUBLISH_TOKEN;
import static dev.switchboard.it.support.Api.json;
import static dev.switchboard.it.support.Api.value;
import static dev.switchboard.it.support.JavaClient.TIMEOUT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations API on the wire: health, metrics that move with real clients, the admin and emit endpoints
 * with their credentials, /api/info, and the origin check on WebSocket handshakes. Tokens come from
 * arquillian.xml (adminToken, publishToken; allowedOrigins=http://allowed.example).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpsApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    private Api api() {
        return new Api(base());
    }

    @Test
    void liveAndReadyAnswerUpInTheMicroProfileHealthShape() throws Exception {
        HttpResponse<String> live = api().get("health/live", null);
        assertEquals(200, live.statusCode());
        assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("UP", json(live).getString("status"));
        assertEquals("UP", json(live).getJsonArray("checks").getJsonObject(0).getString("status"));

        HttpResponse<String> ready = api().get("health/ready", null);
        assertEquals(200, ready.statusCode());
        JsonObject check = json(ready).getJsonArray("checks").getJsonObject(0);
        assertEquals("UP", json(ready).getString("status"));
        assertEquals("switchboard-realtime", check.getString("name"));
        assertEquals(JsonValue.TRUE, check.getJsonObject("data").get("accepting"));
        assertEquals(10000, check.getJsonObject("data").getInt("maxConnections"));
    }

    @Test
    void metricsArePrometheusTextAndMoveWithRealClients() throws Exception {
        HttpResponse<String> scrape = api().get("metrics", null);
        assertEquals(200, scrape.statusCode());
        // containers differ in spacing and in the order of the parameters (RESTEasy on WildFly writes
        // "text/plain;version=0.0.4;charset=utf-8", on Open Liberty "text/plain;charset=utf-8;version=0.0.4"): compare the parts
        List<String> contentType = List.of(scrape.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase().split(";"));
        assertEquals("text/plain", contentType.get(0), contentType.toString());
        assertTrue(contentType.contains("version=0.0.4"), contentType.toString());
        assertTrue(scrape.body().contains("# TYPE switchboard_engine_handshakes_total counter\n"));
        assertTrue(scrape.body().contains("# TYPE switchboard_engine_sessions gauge\n"));
        Map<String, Long> before = api().metrics();

        try (JavaClient websocket = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of());
             JavaClient polling = JavaClient.connect(base(), "/test", Mode.POLLING, Map.of());
             JavaClient upgrading = JavaClient.connect(base(), "/test", Mode.UPGRADE, Map.of())) {
            assertNull(websocket.open());
            assertNull(polling.open());
            assertNull(upgrading.open());
            assertEquals("metrics-room", websocket.call("join", "metrics-room")[0]);
            assertEquals("hi", polling.call("echo", "hi")[0]);
            assertEquals("failed:timeout", websocket.call("ask", 300)[0], "the client never answers 'question'");

            Map<String, Long> during = api().awaitMetrics(m -> value(m, "switchboard_engine_upgrades_total{from=\"polling\",to=\"websocket\"}")
                    > value(before, "switchboard_engine_upgrades_total{from=\"polling\",to=\"websocket\"}"));
            assertTrue(value(during, "switchboard_engine_upgrades_total{from=\"polling\",to=\"websocket\"}")
                    > value(before, "switchboard_engine_upgrades_total{from=\"polling\",to=\"websocket\"}"), "upgrade counted");
            assertTrue(value(during, "switchboard_engine_sessions{transport=\"websocket\"}") >= 2, "websocket sessions: " + during);
            assertTrue(value(during, "switchboard_engine_sessions{transport=\"polling\"}") >= 1, "polling sessions: " + during);
            assertTrue(value(during, "switchboard_socketio_clients{namespace=\"/test\"}") >= 3);
            assertTrue(value(during, "switchboard_socketio_rooms{namespace=\"/test\"}") >= 1, "metrics-room, not the clients' own rooms");
            assertMoved(before, during, "switchboard_engine_handshakes_total{transport=\"websocket\"}", 1);
            assertMoved(before, during, "switchboard_engine_handshakes_total{transport=\"polling\"}", 2);
            assertMoved(before, during, "switchboard_socketio_connects_total{namespace=\"/test\"}", 3);
            assertMoved(before, during, "switchboard_socketio_ack_timeouts_total{namespace=\"/test\"}", 1);
            assertMoved(before, during, "switchboard_engine_packets_received_total", 6);
            assertMoved(before, during, "switchboard_engine_packets_sent_total", 6);
            assertMoved(before, during, "switchboard_engine_received_bytes_total", 20);
            assertMoved(before, during, "switchboard_engine_sent_bytes_total", 20);
        }

        HttpResponse<String> eio3 = api().get("../socket.io/?EIO=3&transport=polling", null);
        assertEquals(400, eio3.statusCode());
        assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", eio3.body());

        // a client that joins, then never polls again: its pong never comes
        PollingClient.Session silent = PollingClient.open(base(), Map.of());
        assertEquals(200, silent.post("40").statusCode());
        Map<String, Long> after = api().awaitMetrics(m -> value(m, "switchboard_engine_ping_timeouts_total")
                > value(before, "switchboard_engine_ping_timeouts_total"));
        assertMoved(before, after, "switchboard_engine_ping_timeouts_total", 1);
        assertMoved(before, after, "switchboard_engine_disconnects_total{reason=\"ping timeout\"}", 1);
        assertEquals(value(before, "switchboard_engine_handshake_errors_total{code=\"5\",error=\"UNSUPPORTED_PROTOCOL_VERSION\"}") + 1,
                value(after, "switchboard_engine_handshake_errors_total{code=\"5\",error=\"UNSUPPORTED_PROTOCOL_VERSION\"}"));
        assertTrue(value(after, "switchboard_engine_disconnects_total{reason=\"transport close\"}")
                > value(before, "switchboard_engine_disconnects_total{reason=\"transport close\"}"), "the clients' own closes");
        assertEquals(0, value(after, "switchboard_engine_polls_in_flight"), "no poll left waiting");
        assertEquals(1, value(after, "switchboard_engine_accepting"));
    }

    @Test
    void socketsAndRoomsShowWhoIsWhereToAdminsOnly() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(client.open());
            client.call("join", "ops-room");
            String id = client.socket.id();

            HttpResponse<String> anonymous = api().get("sockets", null);
            assertEquals(401, anonymous.statusCode());
            assertEquals("Bearer realm=\"switchboard\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals(401, json(anonymous).getInt("status"));
            HttpResponse<String> wrong = api().get("sockets", ADMIN_TOKEN + "x");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
            assertEquals(403, api().get("sockets", PUBLISH_TOKEN).statusCode(), "a publisher may only emit");
            assertEquals(401, api().get("rooms", null).statusCode());

            HttpResponse<String> sockets = api().get("sockets", ADMIN_TOKEN);
            assertEquals(200, sockets.statusCode(), sockets.body());
            JsonObject mine = json(sockets).getJsonArray("sockets").getValuesAs(JsonObject.class).stream()
                    .filter(socket -> socket.getString("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError(sockets.body()));
            assertEquals("/test", mine.getString("namespace"));
            assertEquals("websocket", mine.getString("transport"));
            assertEquals(List.of("ops-room"), mine.getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList());
            assertTrue(mine.containsKey("connectedAt"));

            HttpResponse<String> rooms = api().get("rooms?namespace=/test", ADMIN_TOKEN);
            assertEquals(200, rooms.statusCode());
            List<JsonObject> listed = json(rooms).getJsonArray("rooms").getValuesAs(JsonObject.class);
            assertTrue(listed.stream().anyMatch(room -> room.getString("room").equals("ops-room") && room.getInt("size") == 1
                    && room.getString("namespace").equals("/test")), rooms.body());
            assertFalse(listed.stream().anyMatch(room -> room.getString("room").equals(id)), "a client's own room is not listed");
            assertEquals(400, api().get("rooms?namespace=/nowhere", ADMIN_TOKEN).statusCode());
        }
    }

    @Test
    void emitPublishesToARoomOrToOneSocket() throws Exception {
        try (JavaClient member = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of());
             JavaClient other = JavaClient.connect(base(), "/test", Mode.POLLING, Map.of())) {
            BlockingQueue<Object[]> memberInbox = member.record("headline");
            BlockingQueue<Object[]> otherInbox = other.record("headline");
            assertNull(member.open());
            assertNull(other.open());
            member.call("join", "news-room");

            HttpResponse<String> toRoom = api().emit(PUBLISH_TOKEN,
                    "{\"namespace\":\"/test\",\"room\":\"news-room\",\"event\":\"headline\",\"args\":[\"hello\",{\"n\":1}]}");
            assertEquals(202, toRoom.statusCode(), toRoom.body());
            assertEquals(1, json(toRoom).getInt("recipients"));
            Object[] headline = memberInbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(headline, "room member got the event");
            assertEquals("hello", headline[0]);
            assertEquals(1, ((JSONObject) headline[1]).getInt("n"));

            HttpResponse<String> toSocket = api().emit(ADMIN_TOKEN,
                    "{\"namespace\":\"/test\",\"socket\":\"" + other.socket.id() + "\",\"event\":\"headline\",\"args\":[\"just you\"]}");
            assertEquals(202, toSocket.statusCode(), toSocket.body());
            Object[] direct = otherInbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(direct);
            assertEquals("just you", direct[0]);
            // one more round trip each: anything wrongly delivered would have arrived by now
            member.call("echo", "sync");
            other.call("echo", "sync");
            assertTrue(memberInbox.isEmpty(), "the socket emit went to the other client only");
            assertTrue(otherInbox.isEmpty(), "the room emit went to the room only");
        }
    }

    @Test
    void emitRefusesBadRequestsWithJsonErrors() throws Exception {
        String valid = "{\"namespace\":\"/test\",\"event\":\"headline\"}";
        HttpResponse<String> anonymous = api().emit(null, valid);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isPresent());
        assertError(api().emit(PUBLISH_TOKEN, "{\"namespace\":\"/nowhere\",\"event\":\"headline\"}"), 400, "Unknown namespace: /nowhere");
        assertError(api().emit(PUBLISH_TOKEN, "{\"namespace\":"), 400, "The body is not valid JSON");
        assertError(api().emit(PUBLISH_TOKEN, "{\"namespace\":\"/test\",\"event\":\"connect\"}"), 400, "event 'connect' is reserved by Socket.IO");
        assertError(api().emit(PUBLISH_TOKEN, "{\"namespace\":\"/test\",\"event\":\"e\",\"socket\":\"nobody\"}"), 404,
                "No socket nobody in namespace /test");
        HttpResponse<String> text = api().post("emit", PUBLISH_TOKEN, "text/plain", valid);
        assertEquals(415, text.statusCode());
        assertEquals(415, json(text).getInt("status"));
        assertEquals(202, api().emit(PUBLISH_TOKEN, valid).statusCode(), "and a valid body passes");
    }

    @Test
    void infoListsEffectiveSettingsWithTokensMasked() throws Exception {
        HttpResponse<String> info = api().get("info", null);
        assertEquals(200, info.statusCode());
        assertFalse(info.body().contains(ADMIN_TOKEN) || info.body().contains(PUBLISH_TOKEN), "no token in " + info.body());
        Map<String, JsonObject> settings = new java.util.HashMap<>();
        json(info).getJsonArray("settings").getValuesAs(JsonObject.class).forEach(s -> settings.put(s.getString("name"), s));
        assertEquals("****", settings.get("adminToken").getString("value"));
        assertEquals("****", settings.get("publishToken").getString("value"));
        assertEquals("SWITCHBOARD_ADMIN_TOKEN", settings.get("adminToken").getString("environmentVariable"));
        assertEquals("1500", settings.get("pingInterval").getString("value"));
        assertEquals("25000", settings.get("pingInterval").getString("default"));
        assertEquals("http://allowed.example", settings.get("allowedOrigins").getString("value"));
        assertEquals("10000", settings.get("maxConnections").getString("value"));
        assertEquals("switchboard.maxPacketRate", settings.get("maxPacketRate").getString("systemProperty"));
        assertEquals("****", json(info).getJsonObject("config").getString("adminToken"));
        assertEquals(1500, json(info).getJsonObject("config").getInt("pingInterval"), "the console's fields stay");
    }

    @Test
    void crossSiteWebSocketIsRefusedBeforeTheUpgradeAndCounted() throws Exception {
        Map<String, Long> before = api().metrics();
        String websocket = "EIO=4&transport=websocket";

        try (FrameSocket hijack = FrameSocket.connect(base(), websocket, Map.of("Origin", "http://evil.example"))) {
            assertEquals(403, hijack.response.status(), "refused before the upgrade");
        }

        for (String origin : List.of("http://allowed.example", "http://127.0.0.1:" + base().getPort())) {
            try (FrameSocket allowed = FrameSocket.open(base(), websocket, Map.of("Origin", origin))) {
                assertTrue(allowed.nextText(Duration.ofSeconds(TIMEOUT_SECONDS)).startsWith("0{"), origin + " gets the open packet");
            }
        }

        HttpResponse<String> polling = PollingClient.handshake(base(), Map.of("Origin", "http://evil.example"));
        assertEquals(403, polling.statusCode());
        assertEquals("{\"code\":4,\"message\":\"Forbidden\"}", polling.body());
        assertTrue(polling.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS for a foreign origin");

        Map<String, Long> after = api().metrics();
        assertMoved(before, after, "switchboard_engine_origin_refusals_total{transport=\"websocket\"}", 1);
        assertMoved(before, after, "switchboard_engine_origin_refusals_total{transport=\"polling\"}", 1);
        assertEquals(value(before, "switchboard_engine_handshake_errors_total{code=\"4\",error=\"FORBIDDEN\"}") + 2,
                value(after, "switchboard_engine_handshake_errors_total{code=\"4\",error=\"FORBIDDEN\"}"));
    }

    @Test
    void unknownApiPathsAnswerJson() throws Exception {
        HttpResponse<String> missing = api().get("nothing-here", null);
        assertEquals(404, missing.statusCode());
        assertEquals(404, json(missing).getInt("status"));
    }

    private static void assertMoved(Map<String, Long> before, Map<String, Long> after, String series, long atLeast) {
        long moved = value(after, series) - value(before, series);
        assertTrue(moved >= atLeast, series + " moved by " + moved + ", expected at least " + atLeast);
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(status, json(response).getInt("status"));
        assertEquals(message, json(response).getString("message"));
    }

    /** adminUi is off unless set: neither the dashboard's files nor its namespace are there. */
    @Test
    void theAdminUiIsNotThereUnlessSwitchedOn() throws Exception {
        assertEquals(404, api().get("../admin-ui/", null).statusCode());
        assertEquals(404, api().get("../admin-ui/index.html", null).statusCode());
        try (JavaClient admin = JavaClient.connect(base(), "/admin", Mode.WEBSOCKET,
                Map.of("username", "admin", "password", "anything"))) {
            Object refused = admin.open();
            assertEquals("Invalid namespace", refused instanceof JSONObject error ? error.getString("message") : refused);
        }
    }
}
