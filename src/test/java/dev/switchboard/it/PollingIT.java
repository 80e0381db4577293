package dev.switchboard.it;

import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.it.support.PollingClient.SESSION_ID_UNKNOWN;
import static dev.switchboard.it.support.PollingClient.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long-polling: a GET waits for packets, a POST carries them, one of each at a time, within maxPayload. */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class PollingIT {
    private static final long PING_INTERVAL = 1500;
    private static final int MAX_PAYLOAD = 100_000;
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    URI base;
    PollingClient polling;

    @BeforeEach
    void connect() {
        base = Deployments.loopback(deployed);
        polling = new PollingClient(base);
    }

    @Test
    void getWithNothingToSendWaitsForTheServersPing() {
        long start = System.nanoTime();
        String sid = polling.handshake().sid();

        HttpResponse<String> poll = polling.poll(sid);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(200, poll.statusCode());
        assertEquals("2", poll.body());
        assertEquals(Optional.of("text/plain;charset=utf-8"),
                poll.headers().firstValue("Content-Type").map(type -> type.replace(" ", "").toLowerCase()));
        // the ping is due pingInterval after the open packet, which went out after `start`
        assertTrue(waited >= PING_INTERVAL, () -> "answered after " + waited + " ms");
        assertTrue(waited < PING_INTERVAL + 1500, () -> "answered after " + waited + " ms");
    }

    @Test
    void theHandshakeSetsTheCookieALoadBalancerSticksBy() throws Exception {
        // the container tests run with cookie=io (switchboard.itSettings), engine.io's cookie as it sets it
        HttpResponse<String> handshake = polling.get("EIO=4&transport=polling");
        assertEquals(200, handshake.statusCode());
        String sid = new org.json.JSONObject(handshake.body().substring(1)).getString("sid");
        assertEquals(List.of("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax"), handshake.headers().allValues("set-cookie"));
        assertEquals(List.of(), polling.poll(sid).headers().allValues("set-cookie"), "only the handshake sets it (this poll gets a ping)");
    }

    @Test
    void postIsAnsweredOk() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "6");

        assertEquals(200, post.statusCode());
        assertEquals("ok", post.body());
    }

    @Test
    void aSessionItsClientClosedIsUnknownAtOnceToEveryTransport() throws Exception {
        String sid = polling.handshake().sid();

        assertEquals("ok", polling.postPackets(sid, "1").body());

        // at once, as the reference server forgets it: no retry, no hang, no 500
        HttpResponse<String> get = polling.poll(sid);
        assertEquals(400, get.statusCode());
        assertEquals(SESSION_ID_UNKNOWN, get.body());
        HttpResponse<String> post = polling.postPackets(sid, "40");
        assertEquals(400, post.statusCode());
        assertEquals(SESSION_ID_UNKNOWN, post.body());
        try (FrameSocket upgrade = FrameSocket.connect(base, "EIO=4&transport=websocket&sid=" + sid, Map.of())) {
            FrameSocket.Frame refused = upgrade.next(0x8);
            assertEquals(1002, refused.closeCode());
            assertEquals(SESSION_ID_UNKNOWN, refused.closeReason());
        }
    }

    @Test
    void aGetWaitingWhenTheClientPostsItsCloseIsAnsweredWithANoop() throws Exception {
        String sid = polling.handshake().sid();
        CompletableFuture<HttpResponse<String>> waiting = polling.pollAsync(sid);
        Thread.sleep(500); // the GET is held by then: nothing is queued for a session no namespace joined

        assertEquals("ok", polling.postPackets(sid, "1").body());

        HttpResponse<String> released = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(200, released.statusCode());
        assertEquals("6", released.body(), "a noop, as the reference server answers it");
        assertEnded(sid);
    }

    @Test
    void acceptsSeveralPacketsInOneBodySeparatedByRecordSeparator() {
        String sid = polling.handshake().sid();

        // only the last of the three packets ends the session: it is seen only if the whole body was read
        assertEquals("ok", polling.postPackets(sid, "6" + RS + "6" + RS + "1").body());

        assertEnded(sid);
    }

    @Test
    void acceptsBinaryPacketAsBase64() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "bAQIDBA==" + RS + "b");

        assertEquals(200, post.statusCode());
        assertEquals("ok", post.body());
    }

    @Test
    void malformedPayloadIsABadRequestAndEndsTheSession() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "6" + RS + "b!!!");

        assertEquals(400, post.statusCode());
        assertEquals(BAD_REQUEST, post.body());
        assertEnded(sid);
    }

    @Test
    void emptyItemInPayloadIsABadRequestAndEndsTheSession() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "6" + RS + RS + "6");

        assertEquals(400, post.statusCode());
        assertEquals(BAD_REQUEST, post.body());
        assertEnded(sid);
    }

    @Test
    void secondConcurrentGetIsABadRequestAndEndsTheSession() throws Exception {
        String sid = polling.handshake().sid();

        CompletableFuture<HttpResponse<String>> first = polling.pollAsync(sid);
        CompletableFuture<HttpResponse<String>> second = polling.pollAsync(sid);

        // whichever the server saw second is refused; the one it held is released with a close packet
        List<HttpResponse<String>> answers = List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS));
        HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 400).findFirst().orElseThrow(
                () -> new AssertionError("no GET was refused: " + answers.stream().map(HttpResponse::body).toList()));
        HttpResponse<String> held = answers.get(answers.indexOf(refused) == 0 ? 1 : 0);
        assertEquals(BAD_REQUEST, refused.body());
        assertEquals(200, held.statusCode());
        assertEquals("1", held.body());
        assertEnded(sid);
    }

    @Test
    void postOfExactlyMaxPayloadIsAccepted() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "6" + "x".repeat(MAX_PAYLOAD - 1));

        assertEquals(200, post.statusCode());
        assertEquals("ok", post.body());
    }

    @Test
    void postLargerThanMaxPayloadIsRefusedWith413AndTheSessionLivesOn() {
        String sid = polling.handshake().sid();

        HttpResponse<String> post = polling.postPackets(sid, "6" + "x".repeat(MAX_PAYLOAD));

        assertEquals(413, post.statusCode());
        assertEquals("ok", polling.postPackets(sid, "6").body());
    }

    @Test
    void chunkedPostLargerThanMaxPayloadIsRefusedWith413AndTheSessionLivesOn() {
        String sid = polling.handshake().sid();
        // multi-byte characters: the limit counts bytes, and 50,001 of these are 100,002 bytes in 50,001 characters
        byte[] body = ("6" + "é".repeat(MAX_PAYLOAD / 2)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> post = polling.send("POST", PollingClient.sessionQuery(sid),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertEquals(413, post.statusCode());
        assertEquals("ok", polling.postPackets(sid, "6").body());
    }

    /**
     * The session has ended or is ending. A POST is answered once its packets are handed to the session, which
     * handles them (and closes on an error) on its own executor, so a GET sent right after may still find the
     * session and be answered with the close packet. After that the session is unknown.
     */
    private void assertEnded(String sid) {
        HttpResponse<String> next = polling.poll(sid);
        if (next.statusCode() == 200) {
            assertEquals("1", next.body(), "a GET the closing session still took gets the close packet");
            next = polling.poll(sid);
        }
        assertEquals(400, next.statusCode());
        assertEquals(SESSION_ID_UNKNOWN, next.body());
    }
}
