package dev.switchboard.socketio;

import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.SocketClient;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a namespace's handler sees of a socket's end and of what is sent to it, in Node's order. */
class SocketLifecycleHooksTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<SocketClient> socket = new AtomicReference<>();
    // every socket connected, in order: named in what the test sees by their place here
    private final List<SocketClient> connected = new CopyOnWriteArrayList<>();
    private final SocketIoRuntime runtime = new SocketIoRuntime(new SioEncoder(JsonbBuilder.create()), JsonProvider.provider(),
            JsonbBuilder.create(), 10, 45_000, new SecureRandom(), SocketIoObserver.NONE, AdapterFactory.MEMORY, RecoverySettings.OFF);

    private final Namespace namespace = new Namespace("/chat", new NamespaceHandler() {
        @Override
        public void onConnect(SocketClient client) {
            socket.set(client);
            connected.add(client);
            client.emit("welcome", 1);
        }

        @Override
        public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
            ack.send("ok");
        }

        @Override
        public void onDisconnecting(SocketClient client, String reason) {
            seen.add("disconnecting " + reason + " in " + ownRoomLeftOut(client));
            client.broadcastTo("red").emit("leaving", "someone");
        }

        @Override
        public void onDisconnect(SocketClient client, String reason) {
            seen.add("disconnect " + reason + " in " + ownRoomLeftOut(client));
        }

        @Override
        public boolean watchesOutgoing() {
            return true;
        }

        @Override
        public void onOutgoing(SocketClient client, String event, Arguments args) {
            seen.add("outgoing " + event + " " + args.values() + " to #" + connected.indexOf(client));
        }
    }, runtime);

    private static TreeSet<String> ownRoomLeftOut(SocketClient client) {
        TreeSet<String> rooms = new TreeSet<>(client.rooms());
        rooms.remove(client.id());
        return rooms;
    }

    private Client connect(RecordingConnection connection) {
        Client client = new Client(connection, (name, handshake) -> {
            if (!name.equals("/chat")) {
                return null;
            }
            namespace.acquired();
            return namespace;
        }, runtime);
        client.onMessage(Packet.message("0/chat,"));
        return client;
    }

    @Test
    void disconnectingSeesTheRoomsAndCanTellThemThenDisconnectSeesNone() {
        RecordingConnection leaver = new RecordingConnection();
        Client client = connect(leaver);
        SocketClient first = socket.get();
        first.join("red", "blue");
        RecordingConnection stayer = new RecordingConnection();
        connect(stayer);
        socket.get().join("red");
        seen.clear();

        client.onClose(CloseReason.TRANSPORT_CLOSE);

        assertEquals(List.of("disconnecting transport close in [blue, red]", "outgoing leaving [\"someone\"] to #1",
                "disconnect transport close in []"), seen);
        assertEquals("2/chat,[\"leaving\",\"someone\"]", stayer.sent().get(stayer.sent().size() - 1));
        assertEquals(null, namespace.adapter().roomSizes().get("blue"), "the leaver was blue's only member");
    }

    @Test
    void outgoingSeesEmitsAndBroadcastsWithTheirArgumentsButNotAcknowledgements() {
        connect(new RecordingConnection());
        SocketClient first = socket.get();
        first.join("red");
        namespace.broadcast().to("red").emit("news", "a", 2);
        Client client = connect(new RecordingConnection());
        client.onMessage(Packet.message("2/chat,5[\"ask\"]"));

        assertEquals(List.of("outgoing welcome [1] to #0", "outgoing news [\"a\", 2] to #0", "outgoing welcome [1] to #1"), seen);
    }
}
