package dev.switchboard.it;

import dev.switchboard.it.cluster.SwitchboardNode;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.NodeTests;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection state recovery on one node, the executable jar as an operator runs it with
 * {@code SWITCHBOARD_CONNECTION_STATE_RECOVERY=true}: the raw wire, then the official JavaScript client.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecoveryIT {
    private static final long MAX_DISCONNECTION_MILLIS = 5000;
    private static SwitchboardNode server;

    @BeforeAll
    static void start() throws Exception {
        server = SwitchboardNode.start("recovery", Map.of("SWITCHBOARD_CONNECTION_STATE_RECOVERY", "true",
                "SWITCHBOARD_MAX_DISCONNECTION_DURATION", String.valueOf(MAX_DISCONNECTION_MILLIS)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** A socket that received one event and whose connection dropped: what its client recovers with. */
    private record Dropped(String sid, String pid, String offset) {
        String auth() {
            return Json.createObjectBuilder().add("pid", pid).add("offset", offset).build().toString();
        }
    }

    /** Connects to "/", joins {@code room} too, receives one event, and drops the TCP connection (no close frame). */
    private static Dropped connectReceiveOneAndDrop(String room) throws Exception {
        Dropped dropped;
        try (Wire first = Wire.open(server.base())) {
            JsonObject connect = first.connect("");
            String sid = connect.getString("sid");
            assertEquals(200, server.api("POST", "api/rooms/join",
                    "{\"namespace\":\"/\",\"room\":\"" + sid + "\",\"join\":\"" + room + "\"}").statusCode());
            emit(Map.of("room", sid), "news", 1);
            JsonArray news = first.event();
            assertEquals("news", news.getString(0));
            assertEquals(1, news.getInt(1));
            dropped = new Dropped(sid, connect.getString("pid"), news.getString(2));
        }
        awaitGone(dropped.sid());
        return dropped;
    }

    @Test
    void aClientWhoseConnectionDropsGetsItsSocketAndEveryEventItMissedInOrder() throws Exception {
        Dropped dropped = connectReceiveOneAndDrop("desk");
        String sid = dropped.sid();
        String pid = dropped.pid();
        emit(Map.of("room", "desk"), "news", 2);
        emit(Map.of("room", "elsewhere"), "news", -1);
        emit(Map.of(), "news", 3);

        try (Wire second = Wire.open(server.base())) {
            second.send("40" + dropped.auth());
            JsonArray two = second.event();
            JsonArray three = second.event();
            assertEquals(2, two.getInt(1));
            assertEquals(3, three.getInt(1));
            assertTrue(three.getString(2).compareTo(two.getString(2)) != 0, "each event has its own offset");
            JsonObject connect = second.connectReply();
            assertEquals(sid, connect.getString("sid"), "the same socket id");
            assertEquals(pid, connect.getString("pid"));
            emit(Map.of("room", "desk"), "news", 4);
            assertEquals(4, second.event().getInt(1), "back in the rooms it had");
        }
    }

    @Test
    void anUnknownPidOrAForgedOffsetGetsANewSocketOnAConnectionThatKeepsWorking() throws Exception {
        try (Wire wire = Wire.open(server.base())) {
            JsonObject connect = wire.connect("{\"pid\":\"not-a-session\",\"offset\":\"x-0\"}");
            assertTrue(connect.getString("pid").length() >= 20);
            emit(Map.of("room", connect.getString("sid")), "news", 5);
            assertEquals(5, wire.event().getInt(1));
        }
        Dropped dropped = connectReceiveOneAndDrop("forged");
        try (Wire forged = Wire.open(server.base())) {
            JsonObject connect = forged.connect("{\"pid\":\"" + dropped.pid() + "\",\"offset\":{\"$gt\":\"\"}}");
            assertNotEquals(dropped.sid(), connect.getString("sid"), "an offset that is not a string recovers nothing");
        }
    }

    @Test
    void aSessionIsGoneAfterMaxDisconnectionDuration() throws Exception {
        Dropped dropped = connectReceiveOneAndDrop("late");
        Thread.sleep(MAX_DISCONNECTION_MILLIS + 500);
        try (Wire late = Wire.open(server.base())) {
            assertNotEquals(dropped.sid(), late.connect(dropped.auth()).getString("sid"));
        }
    }

    @Test
    void theOfficialJavaScriptClientRecoversEveryEventEmittedWhileItsTransportWasDown() throws Exception {
        NodeTests.run("js-recovery", server.base(), Map.of("SWITCHBOARD_ADMIN_TOKEN", SwitchboardNode.ADMIN_TOKEN), 120,
                "src/test/js/recovery/");
    }

    @Test
    void theConsoleComesBackRecoveredWithTheMessagesItMissed() throws Exception {
        NodeTests.run("browser-recovery", server.base(), 180, "src/test/js/browser-recovery/");
    }

    private static void emit(Map<String, String> to, String event, int value) throws IOException, InterruptedException {
        var body = Json.createObjectBuilder().add("namespace", "/").add("event", event)
                .add("args", Json.createArrayBuilder().add(value));
        to.forEach(body::add);
        var response = server.api("POST", "api/emit", body.build().toString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** Until the server has noticed the dropped connection and kept its session. */
    private static void awaitGone(String sid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.api("GET", "api/sockets?namespace=/", null).body().contains(sid)) {
            assertTrue(System.nanoTime() < deadline, "socket " + sid + " still connected 10 s after its connection dropped");
            Thread.sleep(50);
        }
    }

    /** A client speaking Engine.IO over raw WebSocket frames; closing it drops the TCP connection, no close frame. */
    private record Wire(FrameSocket socket) implements AutoCloseable {
        static Wire open(URI base) throws IOException {
            Wire wire = new Wire(FrameSocket.connect(base));
            assertTrue(wire.message().startsWith("0{"), "Engine.IO open");
            return wire;
        }

        void send(String text) throws IOException {
            socket.sendText(text);
        }

        /** CONNECT to "/" with this auth (JSON, or ""); the server's CONNECT reply. */
        JsonObject connect(String auth) throws IOException {
            send("40" + auth);
            return connectReply();
        }

        JsonObject connectReply() throws IOException {
            String reply = message();
            assertTrue(reply.startsWith("40{"), "CONNECT, got " + reply);
            return Json.createReader(new StringReader(reply.substring(2))).readObject();
        }

        /** The next Socket.IO EVENT's data. */
        JsonArray event() throws IOException {
            String event = message();
            assertTrue(event.startsWith("42["), "an event, got " + event);
            return Json.createReader(new StringReader(event.substring(2))).readArray();
        }

        /** The next Engine.IO message, answering pings on the way. */
        String message() throws IOException {
            for (;;) {
                String text = socket.next(1).text();
                if (text.equals("2")) {
                    send("3");
                } else {
                    return text;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
