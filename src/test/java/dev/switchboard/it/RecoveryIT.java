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
import java.util.ArrayList;
import java.util.List;
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
    void aVolatileEventArrivesWithoutAnOffsetAndNeitherItNorOneAskingForAnAcknowledgementIsReplayed() throws Exception {
        String room = "volatile-" + System.nanoTime();
        String join = "{\"room\":\"" + room + "\",\"name\":\"ann\"}";
        Dropped dropped;
        try (Wire first = Wire.open(server.base())) {
            Wire chat = first.in("/chat");
            JsonObject connect = chat.connect("");
            chat.call(1, "join", join);
            emit("/chat", Map.of("room", room), "news", 1, false);
            JsonArray news = chat.event();
            emit("/chat", Map.of("room", room), "where", 7, true);
            JsonArray where = chat.event();
            assertEquals("where", where.getString(0));
            assertEquals(1, where.size() - 1, "no offset after the volatile event's one argument: " + where);
            dropped = new Dropped(connect.getString("sid"), connect.getString("pid"), news.getString(2));
        }
        awaitGone(dropped.sid(), "/chat");
        emit("/chat", Map.of("room", room), "where", 8, true);
        // bob stays connected until the end: his leaving would be one more event missed
        try (Wire other = Wire.open(server.base()); Wire again = Wire.open(server.base())) {
            Wire bob = other.in("/chat");
            bob.connect("");
            bob.call(1, "join", join.replace("ann", "bob"));
            // asks every other member of the room for an acknowledgement: ann too, were she there
            JsonObject rollcall = bob.call(2, "rollcall", "{\"room\":\"" + room + "\"}").getJsonObject(0);
            assertTrue(rollcall.getBoolean("complete"), rollcall.toString());
            emit("/chat", Map.of("room", room), "news", 2, false);

            Wire chat = again.in("/chat");
            chat.send("40/chat," + dropped.auth());
            // what comes before CONNECT is what she missed: bob's arrival and news 2, no volatile event, no roll call
            List<String> missed = new ArrayList<>();
            for (String message = chat.message(); !message.startsWith("40/chat,"); message = chat.message()) {
                missed.add(message);
            }
            assertEquals(2, missed.size(), "missed: " + missed);
            assertTrue(missed.get(0).startsWith("42/chat,[\"joined\""), "missed: " + missed);
            assertTrue(missed.get(1).startsWith("42/chat,[\"news\",2,"), "missed: " + missed);
            emit("/chat", Map.of("room", room), "where", 9, true);
            assertEquals(9, chat.event().getInt(1), "recovered in her room, where volatile events reach her again");
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
        emit("/", to, event, value, false);
    }

    private static void emit(String namespace, Map<String, String> to, String event, int value, boolean isVolatile)
            throws IOException, InterruptedException {
        var body = Json.createObjectBuilder().add("namespace", namespace).add("event", event)
                .add("args", Json.createArrayBuilder().add(value)).add("volatile", isVolatile);
        to.forEach(body::add);
        var response = server.api("POST", "api/emit", body.build().toString());
        assertEquals(202, response.statusCode(), response.body());
    }

    /** Until the server has noticed the dropped connection and kept its session. */
    private static void awaitGone(String sid) throws Exception {
        awaitGone(sid, "/");
    }

    private static void awaitGone(String sid, String namespace) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.api("GET", "api/sockets?namespace=" + namespace, null).body().contains(sid)) {
            assertTrue(System.nanoTime() < deadline, "socket " + sid + " still connected 10 s after its connection dropped");
            Thread.sleep(50);
        }
    }

    /**
     * A client speaking Engine.IO over raw WebSocket frames, to "/" or, {@link #in} another, to that namespace;
     * closing it drops the TCP connection, no close frame.
     */
    private record Wire(FrameSocket socket, String prefix) implements AutoCloseable {
        static Wire open(URI base) throws IOException {
            Wire wire = new Wire(FrameSocket.connect(base), "");
            assertTrue(wire.message().startsWith("0{"), "Engine.IO open");
            return wire;
        }

        /** The same connection, speaking to namespace {@code nsp}. */
        Wire in(String nsp) {
            return new Wire(socket, nsp + ",");
        }

        /** Emits {@code [event, data]} asking for acknowledgement {@code id}, and returns the answer's data. */
        JsonArray call(int id, String event, String dataJson) throws IOException {
            send("42" + prefix + id + "[\"" + event + "\"," + dataJson + "]");
            String answer = message();
            assertTrue(answer.startsWith("43" + prefix + id + "["), "the acknowledgement, got " + answer);
            return Json.createReader(new StringReader(answer.substring(2 + prefix.length() + String.valueOf(id).length())))
                    .readArray();
        }

        void send(String text) throws IOException {
            socket.sendText(text);
        }

        /** CONNECT with this auth (JSON, or ""); the server's CONNECT reply. */
        JsonObject connect(String auth) throws IOException {
            send("40" + prefix + auth);
            return connectReply();
        }

        JsonObject connectReply() throws IOException {
            String reply = message();
            assertTrue(reply.startsWith("40" + prefix + "{"), "CONNECT, got " + reply);
            return Json.createReader(new StringReader(reply.substring(2 + prefix.length()))).readObject();
        }

        /** The next Socket.IO EVENT's data. */
        JsonArray event() throws IOException {
            String event = message();
            assertTrue(event.startsWith("42" + prefix + "["), "an event, got " + event);
            return Json.createReader(new StringReader(event.substring(2 + prefix.length()))).readArray();
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
