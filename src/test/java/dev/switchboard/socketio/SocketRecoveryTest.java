package dev.switchboard.socketio;

import dev.switchboard.adapter.LocalRoomsAdapter;
import dev.switchboard.adapter.RecoveringAdapter;
import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection state recovery on one node, on the Socket.IO wire: pid in CONNECT, offsets on events, and a dropped
 * client coming back with its id, rooms, attributes and every event it missed, or a new session when it cannot.
 */
class SocketRecoveryTest {
    private static final String EPOCH = "ep0ch";
    private static final RecoverySettings ON = new RecoverySettings(true, 120_000, true, 100);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<SocketClient> accepted = new CopyOnWriteArrayList<>();
    private final AtomicReference<RecoveringAdapter> adapter = new AtomicReference<>();

    private NamespaceFixture fixture(RecoverySettings settings, Consumer<SocketClient> onConnect) {
        return new NamespaceFixture(client -> {
            accepted.add(client);
            onConnect.accept(client);
        }, settings, (namespace, link) -> {
            adapter.set(new RecoveringAdapter(settings, EPOCH, now::get));
            return adapter.get();
        });
    }

    private NamespaceFixture joiningRoom(RecoverySettings settings) {
        return fixture(settings, client -> {
            if (!client.recovered()) {
                client.join("room");
                client.attributes().put("name", "ann");
            }
        });
    }

    @Test
    void connectCarriesThePidAndEveryEventWithoutAnAckCarriesAnOffset() {
        NamespaceFixture fixture = joiningRoom(ON);
        RecordingConnection connection = new RecordingConnection();
        fixture.connect(connection);
        JsonObject connect = connectData(connection.sent().get(0));
        assertEquals(accepted.get(0).id(), connect.getString("sid"));
        assertTrue(connect.getString("pid").length() >= 20, "a random private session id: " + connect);

        fixture.namespace().broadcast().to("room").emit("news", 1);
        accepted.get(0).emit("direct", "x");
        accepted.get(0).emitWithAck("ask", Duration.ofSeconds(5));
        fixture.namespace().broadcast().emitWithAck(Duration.ofSeconds(5), "everyone");
        List<String> sent = connection.sent();
        assertEquals("2/chat,[\"news\",1,\"ep0ch-0\"]", sent.get(1));
        assertEquals("2/chat,[\"direct\",\"x\",\"ep0ch-1\"]", sent.get(2));
        assertEquals("2/chat,0[\"ask\"]", sent.get(3), "an event that asks for an ack has no offset");
        assertEquals("2/chat,1[\"everyone\"]", sent.get(4), "nor does a broadcast with acks");
    }

    @Test
    void aVolatileEventHasNoOffsetIsNeverReplayedAndIsDroppedWhenTheTransportIsBusy() {
        NamespaceFixture fixture = joiningRoom(ON);
        RecordingConnection first = new RecordingConnection();
        Client client = fixture.connect(first);
        fixture.namespace().broadcast().to("room").emit("news", 1);
        fixture.namespace().broadcast().to("room").volatileEmit("position", 10);
        accepted.get(0).volatileEmit("position", 11);
        assertEquals(List.of("2/chat,[\"news\",1,\"ep0ch-0\"]", "2/chat,[\"position\",10]", "2/chat,[\"position\",11]"),
                first.sent().subList(1, 4), "volatile events go out at once, without an offset");
        first.writable(false);
        fixture.namespace().broadcast().to("room").volatileEmit("position", 12);
        accepted.get(0).volatileEmit("position", 13);
        fixture.namespace().broadcast().to("room").emit("news", 2);
        assertEquals(List.of("2/chat,[\"news\",2,\"ep0ch-1\"]"), first.sent().subList(4, first.sent().size()),
                "a transport that cannot take them now drops the volatile ones, and only those");

        String pid = connectData(first.sent().get(0)).getString("pid");
        String offset = lastArgument(first.sent().get(1));
        client.onClose(CloseReason.TRANSPORT_CLOSE);
        fixture.namespace().broadcast().to("room").volatileEmit("position", 14);
        fixture.namespace().broadcast().to("room").emit("news", 3);
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, auth(pid, offset));
        assertEquals(List.of("2/chat,[\"news\",2,\"ep0ch-1\"]", "2/chat,[\"news\",3,\"ep0ch-2\"]"),
                second.sent().subList(0, 2), "the missed events, and no volatile one");
        assertEquals(3, second.sent().size(), "then CONNECT: " + second.sent());
    }

    @Test
    void aConnectedSocketsAttributeChangesReachTheAdapterWithTheSessionAsItNowIs() {
        List<SessionRecord> written = new CopyOnWriteArrayList<>();
        NamespaceFixture fixture = new NamespaceFixture(client -> {
            accepted.add(client);
            client.attributes().put("name", "ann"); // while joining: the connect itself writes the session
        }, ON, (namespace, link) -> new LocalRoomsAdapter() {
            @Override
            public boolean recovers() {
                return true;
            }

            @Override
            public void sessionChanged(Member member) {
                member.session().ifPresent(written::add);
            }
        });
        fixture.connect(new RecordingConnection());
        assertEquals(List.of(), written);
        SocketClient ann = accepted.get(0);
        ann.attributes().put("score", 3);
        assertEquals(Map.of("name", "ann", "score", 3), written.get(written.size() - 1).data());
        ann.attributes().get("score");
        ann.attributes().keySet().removeIf("name"::equals);
        assertEquals(2, written.size(), "one write per change, none for a read");
        assertEquals(Map.of("score", 3), written.get(1).data());
    }

    @Test
    void withRecoveryOffConnectHasNoPidAndEventsNoOffset() {
        NamespaceFixture fixture = new NamespaceFixture(client -> client.join("room"));
        RecordingConnection connection = new RecordingConnection();
        fixture.connect(connection);
        fixture.namespace().broadcast().to("room").emit("news", 1);
        assertFalse(connectData(connection.sent().get(0)).containsKey("pid"));
        assertEquals("2/chat,[\"news\",1]", connection.sent().get(1));
    }

    @Test
    void aDroppedClientComesBackWithItsIdRoomsAttributesAndTheEventsItMissedInOrder() {
        NamespaceFixture fixture = joiningRoom(ON);
        RecordingConnection first = new RecordingConnection();
        Client client = fixture.connect(first);
        fixture.namespace().broadcast().to("room").emit("news", 1);
        String sid = accepted.get(0).id();
        String pid = connectData(first.sent().get(0)).getString("pid");
        String offset = lastArgument(first.sent().get(1));

        client.onClose(CloseReason.TRANSPORT_CLOSE);
        fixture.namespace().broadcast().to("room").emit("news", 2);
        fixture.namespace().broadcast().to("elsewhere").emit("news", "not for it");
        fixture.namespace().broadcast().emit("news", 3);
        fixture.namespace().broadcast().to("room").except(sid).emit("news", "not for it either");
        fixture.namespace().broadcast().emitWithAck(Duration.ofSeconds(1), "asks", "not kept");
        accepted.get(0).emit("news", 4); // to the socket itself, after it dropped: kept for it, as Node keeps it

        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, auth(pid, offset));
        List<String> sent = second.sent();
        assertEquals(List.of("2/chat,[\"news\",2,\"ep0ch-1\"]", "2/chat,[\"news\",3,\"ep0ch-3\"]",
                "2/chat,[\"news\",4,\"ep0ch-5\"]"), sent.subList(0, 3), "missed events first, in order");
        JsonObject connect = connectData(sent.get(3));
        assertEquals(sid, connect.getString("sid"));
        assertEquals(pid, connect.getString("pid"));
        assertEquals(4, sent.size());

        SocketClient recovered = accepted.get(1);
        assertTrue(recovered.recovered());
        assertEquals(sid, recovered.id());
        assertEquals(Set.of(sid, "room"), recovered.rooms());
        assertEquals("ann", recovered.attributes().get("name"));
        fixture.namespace().broadcast().to("room").emit("news", 5);
        assertEquals("2/chat,[\"news\",5,\"ep0ch-6\"]", second.sent().get(4), "live again");
        assertEquals(0, adapter.get().keptSessions(), "a session recovers once");
    }

    @Test
    void aClientThatReceivedEverythingRecoversWithNothingMissed() {
        NamespaceFixture fixture = joiningRoom(ON);
        Dropped dropped = connectReceiveOneAndDrop(fixture, CloseReason.PING_TIMEOUT);
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, dropped.auth());
        assertEquals(1, second.sent().size());
        assertEquals(accepted.get(0).id(), connectData(second.sent().get(0)).getString("sid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pid\":\"%s\",\"offset\":\"nonsense\"}", "{\"pid\":\"%s\",\"offset\":\"other-0\"}",
            "{\"pid\":\"%s\",\"offset\":\"ep0ch-\"}", "{\"pid\":\"%s\",\"offset\":\"ep0ch-zzzzzzzzzzzzzzzzzzzz\"}",
            "{\"pid\":\"%s\",\"offset\":\"ep0ch-99\"}", "{\"pid\":\"%s\",\"offset\":\"ep0ch--1\"}",
            "{\"pid\":\"%s\",\"offset\":\"ep0ch-0.5\"}", "{\"pid\":\"%s\",\"offset\":5}", "{\"pid\":\"%s\"}",
            "{\"pid\":\"unknown\",\"offset\":\"ep0ch-0\"}", "{\"pid\":[\"%s\"],\"offset\":\"ep0ch-0\"}"})
    void anUnknownPidOrAForgedOrMalformedOffsetGetsANewSessionAndNothingElse(String authFormat) {
        NamespaceFixture fixture = joiningRoom(ON);
        String pid = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_ERROR).pid();
        fixture.namespace().broadcast().emit("news", 1);

        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, authFormat.formatted(pid));
        assertEquals(1, second.sent().size(), "CONNECT only: " + second.sent());
        JsonObject connect = connectData(second.sent().get(0));
        assertNotEquals(accepted.get(0).id(), connect.getString("sid"));
        assertNotEquals(pid, connect.getString("pid"));
        assertFalse(accepted.get(1).recovered());
        assertEquals(null, second.closedWith());
    }

    @Test
    void aSessionIsUsedUpByAFailedAttemptToo() {
        NamespaceFixture fixture = joiningRoom(ON);
        Dropped dropped = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_CLOSE);
        fixture.connect(new RecordingConnection(), auth(dropped.pid(), "ep0ch-77"));
        fixture.connect(new RecordingConnection(), dropped.auth());
        assertFalse(accepted.get(2).recovered(), "one try per session: a guessed offset cannot be retried");
    }

    @Test
    void noSessionIsKeptWhenEitherSideLeftOnPurpose() {
        NamespaceFixture fixture = joiningRoom(ON);
        RecordingConnection first = new RecordingConnection();
        Client client = fixture.connect(first);
        client.onMessage(Packet.message("1/chat,"));
        RecordingConnection second = new RecordingConnection();
        Client other = fixture.connect(second);
        accepted.get(1).disconnect(false);
        client.onClose(CloseReason.TRANSPORT_CLOSE);
        other.onClose(CloseReason.TRANSPORT_CLOSE);
        assertEquals(0, adapter.get().keptSessions());
        fixture.connect(new RecordingConnection()).onClose(CloseReason.TRANSPORT_CLOSE);
        assertEquals(1, adapter.get().keptSessions(), "a lost connection's socket is kept");
    }

    @Test
    void aSessionOlderThanMaxDisconnectionDurationIsNotRecoveredAndTheSweepForgetsIt() {
        NamespaceFixture fixture = joiningRoom(ON);
        String auth = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_CLOSE).auth();
        fixture.namespace().broadcast().emit("news", 1);
        now.addAndGet(120_001);
        adapter.get().sweep();
        assertEquals(0, adapter.get().keptSessions());
        assertEquals(0, adapter.get().loggedEvents());
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, auth);
        assertFalse(accepted.get(1).recovered());
    }

    @Test
    void aClientThatMissedMoreThanTheLogHoldsStartsANewSession() {
        RecoverySettings three = new RecoverySettings(true, 120_000, true, 3);
        NamespaceFixture fixture = joiningRoom(three);
        String auth = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_CLOSE).auth();
        for (int i = 1; i <= 4; i++) {
            fixture.namespace().broadcast().emit("news", i);
        }
        assertEquals(3, adapter.get().loggedEvents());
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, auth);
        assertFalse(accepted.get(1).recovered(), "event 1 fell out of the log");
    }

    @Test
    void exactlyAsManyMissedAsTheLogHoldsAreRecovered() {
        RecoverySettings three = new RecoverySettings(true, 120_000, true, 3);
        NamespaceFixture fixture = joiningRoom(three);
        String auth = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_CLOSE).auth();
        for (int i = 1; i <= 3; i++) {
            fixture.namespace().broadcast().emit("news", i);
        }
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, auth);
        assertTrue(accepted.get(1).recovered());
        assertEquals(4, second.sent().size(), "three missed, then CONNECT: " + second.sent());
    }

    @Test
    void withSkipMiddlewaresTheConnectHandlerRunsButCannotRefuseARecoveredSocket() {
        NamespaceFixture fixture = fixture(ON, client -> {
            if (client.recovered()) {
                throw new ConnectRejection("token expired");
            }
        });
        RecordingConnection second = recoverOnce(fixture);
        assertTrue(accepted.get(1).recovered());
        assertTrue(second.sent().get(second.sent().size() - 1).startsWith("0/chat,"), second.sent().toString());
    }

    @Test
    void withoutSkipMiddlewaresTheConnectHandlerMayRefuseARecoveredSocket() {
        NamespaceFixture fixture = fixture(new RecoverySettings(true, 120_000, false, 100), client -> {
            if (client.recovered()) {
                throw new ConnectRejection("token expired");
            }
        });
        RecordingConnection second = recoverOnce(fixture);
        assertEquals("4/chat,{\"message\":\"token expired\"}", second.sent().get(second.sent().size() - 1));
        assertEquals(Set.of(), fixture.namespace().broadcast().socketIds(), "the refused socket is in no room");
    }

    @Test
    void anEmitFromTheConnectHandlerReachesTheNewSocketAfterConnectWithAnOffset() {
        NamespaceFixture fixture = fixture(ON, client -> client.emit("welcome"));
        RecordingConnection connection = new RecordingConnection();
        fixture.connect(connection);
        assertTrue(connection.sent().get(0).startsWith("0/chat,{"));
        assertEquals("2/chat,[\"welcome\",\"ep0ch-0\"]", connection.sent().get(1));
    }

    /** A client that connected, received one event and lost its connection: what it recovers with. */
    private record Dropped(String pid, String offset, String auth) {
    }

    private static Dropped connectReceiveOneAndDrop(NamespaceFixture fixture, CloseReason reason) {
        RecordingConnection first = new RecordingConnection();
        Client client = fixture.connect(first);
        fixture.namespace().broadcast().emit("news", 0);
        String pid = connectData(first.sent().get(0)).getString("pid");
        String offset = lastArgument(first.sent().get(1));
        client.onClose(reason);
        return new Dropped(pid, offset, auth(pid, offset));
    }

    /** Drops a client, broadcasts once more, and connects again with the pid and offset: the second connection. */
    private static RecordingConnection recoverOnce(NamespaceFixture fixture) {
        Dropped dropped = connectReceiveOneAndDrop(fixture, CloseReason.TRANSPORT_CLOSE);
        fixture.namespace().broadcast().emit("news", 1);
        RecordingConnection second = new RecordingConnection();
        fixture.connect(second, dropped.auth());
        return second;
    }

    private static String auth(String pid, String offset) {
        return Json.createObjectBuilder().add("pid", pid).add("offset", offset).build().toString();
    }

    private static JsonObject connectData(String packet) {
        assertTrue(packet.startsWith("0/chat,"), packet);
        return Json.createReader(new StringReader(packet.substring("0/chat,".length()))).readObject();
    }

    private static String lastArgument(String packet) {
        JsonArray event = Json.createReader(new StringReader(packet.substring(packet.indexOf('[')))).readArray();
        return event.getString(event.size() - 1);
    }
}
