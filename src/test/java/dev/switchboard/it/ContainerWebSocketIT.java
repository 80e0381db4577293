package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.TestNamespace;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setting {@code websocket=container}: {@code /socket.io/} served by the container's Jakarta WebSocket
 * (Tyrus on Payara) through {@code WebSocketEndpoint}, as before Switchboard had its own. The same clients work
 * over it: a WebSocket session and an upgrade from polling; its close codes are ContainerCloseCodesIT's.
 * Runs on a server of its own (arquillian.xml and arquillian-openliberty.xml, container-websocket).
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@OwnServer(ContainerWebSocketIT.SERVER)
@RunAsClient
class ContainerWebSocketIT {
    /** Its server in arquillian.xml (Payara Micro) and arquillian-openliberty.xml. */
    static final String SERVER = "container-websocket";
    /** The tests' heartbeat (1.5 s + 1 s) and upgrade timeout (2 s) end any session left behind well within this. */
    private static final Duration SESSION_ENDS = Duration.ofSeconds(15);
    /** The container loggers server-config/payara-micro/logging.properties sets to SEVERE, and why (see below). */
    private static final Set<String> TYRUS_CLIENT_GONE_LOGGERS = Set.of(
            "org.glassfish.tyrus.core.TyrusEndpointWrapper", "org.glassfish.tyrus.servlet.TyrusServletWriter");

    @Deployment(testable = false)
    @TargetsContainer(SERVER)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void theSettingIsInEffect() throws Exception {
        JsonObject config = Api.json(new Api(base()).get("info", null)).getJsonObject("config");
        assertEquals("container", config.getString("websocket"));
    }

    @Test
    void eventsAndAcksTravelOverTheContainersWebSocket() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.WEBSOCKET, Map.of())) {
            assertNull(client.open());
            assertEquals("héllo 👋", client.call("echo", "héllo 👋")[0]);
            assertEquals("websocket", client.call("transport")[0]);
        }
    }

    @Test
    void pollingUpgradesToTheContainersWebSocket() throws Exception {
        try (JavaClient client = JavaClient.connect(base(), "/test", Mode.UPGRADE, Map.of())) {
            assertNull(client.open());
            assertEquals("websocket", client.awaitTransport("websocket"));
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffOnceMaxBufferedBytesWait() throws Exception {
        SlowClientIT.assertCutOff(base());
    }

    @Test
    void aHandshakeWithAMalformedKeyOrAnotherVersionIsRefusedBeforeTheContainerUpgrades() throws Exception {
        // Tyrus by itself upgrades a key that is not 16 bytes in base64; Switchboard's filter checks first
        try (FrameSocket socket = FrameSocket.connect(base(), "EIO=4&transport=websocket", Map.of("Sec-WebSocket-Key", "c2hvcnQ="))) {
            assertEquals(400, socket.response.status());
        }
        try (FrameSocket socket = FrameSocket.connect(base(), "EIO=4&transport=websocket", Map.of("Sec-WebSocket-Version", "8"))) {
            assertEquals(426, socket.response.status());
            assertEquals("13", socket.response.headers().get("sec-websocket-version"));
        }
    }

    /**
     * Once the upgrade is proven done (an event answered over the WebSocket, which the session handles only after
     * the client's upgrade packet), the sid is no polling session any more: every poll gets 400, every time. Before
     * that proof, a poll may still race the upgrade packet on the other connection, as with any server.
     */
    @Test
    void aPollWithTheSidOfAnUpgradedSessionIsRefusedEveryTime() throws Exception {
        for (int round = 0; round < 20; round++) {
            PollingClient.Session polling = PollingClient.open(base(), Map.of());
            assertEquals(200, polling.post("40/test,").statusCode());
            assertTrue(polling.get().body().startsWith("40/test,"));
            try (FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket&sid=" + polling.sid)) {
                socket.sendText("2probe");
                socket.expectText("3probe", Duration.ofSeconds(10));
                socket.sendText("5");
                socket.sendText("42/test,1[\"transport\"]");
                socket.awaitTextAnsweringHeartbeat("43/test,1[\"websocket\"]"::equals, Duration.ofSeconds(10));

                HttpResponse<String> poll = polling.get();
                assertEquals(400, poll.statusCode(), "round " + round + ": " + poll.body());
                HttpResponse<String> post = polling.post("42/test,[\"echo\",\"x\"]");
                assertEquals(400, post.statusCode(), "round " + round + ": " + post.body());
            }
        }
    }

    /**
     * The container answers every ping frame with a pong; a client that sends 20,000 in one burst and hangs up
     * (with a reset, so the pongs still being written fail) must not put a SEVERE record in the log, nor a stack
     * trace but Tyrus's WARNING about a pong for a connection already closed, which happens now and then and which
     * the shipped logging configuration quiets.
     */
    @Test
    void aBurstOfPingFramesFromAClientThatHangsUpLeavesTheLogClean() throws Exception {
        ServerLog log = ServerLog.ofServer(SERVER);
        List<String> sids = new ArrayList<>();
        for (boolean reset : new boolean[]{false, true}) {
            FrameSocket socket = FrameSocket.open(base());
            sids.add(HeartbeatIT.sidOf(socket.nextText(Duration.ofSeconds(10))));
            byte[] ping = FrameSocket.frame(0x89, "ping".getBytes(StandardCharsets.US_ASCII), new byte[]{7, 1, 7, 1});
            ByteArrayOutputStream burst = new ByteArrayOutputStream(ping.length * 20_000);
            for (int i = 0; i < 20_000; i++) {
                burst.writeBytes(ping);
            }
            socket.sendRaw(burst.toByteArray());
            socket.hangUp(reset);
        }
        assertEveryClosedAndTheLogClean(log, sids);
    }

    /**
     * A poll and a post in flight while the same session upgrades, and the WebSocket dropped at every step of it:
     * each request is answered or refused, never with a 500, and nothing in the log is SEVERE or a stack trace
     * (Tyrus's upgrade once threw NullPointerExceptions from createHttpUpgradeHandlerInstance and getLocalAddress
     * here). One GET and one POST at a time, as a client sends them: overlapping ones end the session by rule.
     */
    @Test
    void pollsRacingAnUpgradeAndClientsDroppingMidwayLeaveTheLogClean() throws Exception {
        ServerLog log = ServerLog.ofServer(SERVER);
        List<String> sids = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            PollingClient.Session polling = PollingClient.open(base(), Map.of());
            sids.add(polling.sid);
            assertEquals(200, polling.post("40/test,").statusCode());
            assertTrue(polling.get().body().startsWith("40/test,"));
            CompletableFuture<HttpResponse<String>> get = polling.getAsync();
            CompletableFuture<HttpResponse<String>> post = polling.postAsync("42/test,[\"echo\",\"a\"]");
            requests.add(get);
            requests.add(post);
            FrameSocket socket = FrameSocket.open(base(), "EIO=4&transport=websocket&sid=" + polling.sid);
            int dropAt = round % 4; // 0: right after the 101; 1: after the probe; 2: after the upgrade; 3: never
            if (dropAt > 0) {
                socket.sendText("2probe");
                socket.expectText("3probe", Duration.ofSeconds(10));
            }
            if (dropAt > 1) {
                socket.sendText("5");
                // the waiting GET is answered (a noop once upgraded); the next poll and post race the upgrade packet
                get.get(30, TimeUnit.SECONDS);
                requests.add(polling.getAsync());
                post.get(30, TimeUnit.SECONDS);
                requests.add(polling.postAsync("42/test,[\"echo\",\"c\"]"));
            }
            if (dropAt == 3) {
                socket.sendText("42/test,1[\"transport\"]");
                socket.awaitTextAnsweringHeartbeat("43/test,1[\"websocket\"]"::equals, Duration.ofSeconds(10));
                socket.sendText("1");
            }
            socket.hangUp(round % 2 == 0);
        }
        for (CompletableFuture<HttpResponse<String>> request : requests) {
            HttpResponse<String> answered = request.get(30, TimeUnit.SECONDS);
            assertTrue(answered.statusCode() == 200 || answered.statusCode() == 400,
                    () -> "answered " + answered.statusCode() + " " + answered.body());
        }
        assertEveryClosedAndTheLogClean(log, sids);
    }

    /**
     * Each session's close is logged (at INFO), and since the mark nothing SEVERE and no stack trace, but for Tyrus's
     * WARNINGs about a connection its client closed under it, which the shipped logging.properties quiets (README,
     * WebSocket conformance): its pong to a ping that arrived just before the hang-up ("The connection has been
     * closed", from TyrusEndpointWrapper.onPing), and frames it could no longer write (TyrusServletWriter.onError).
     */
    private static void assertEveryClosedAndTheLogClean(ServerLog log, List<String> sids) throws InterruptedException {
        for (String sid : sids) {
            log.awaitRecord(record -> record.contains("Session " + sid + " closed"), "for the close of " + sid, SESSION_ENDS);
        }
        log.assertNoSevereOrStackTraceBut(TYRUS_CLIENT_GONE_LOGGERS);
    }
}
