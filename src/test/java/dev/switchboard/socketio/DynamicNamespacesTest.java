package dev.switchboard.socketio;

import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.NamespacePattern;
import dev.switchboard.handler.SocketClient;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Namespaces made from a pattern (Node's parent namespaces): made on the first CONNECT, reached together through
 * their parent, removed with their last socket when the pattern says so, and never handed to a CONNECT while going.
 */
class DynamicNamespacesTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<SocketClient> last = new AtomicReference<>();
    // the socket the calling thread connected last (a RecordingConnection runs its session's tasks on the caller)
    private final ThreadLocal<SocketClient> mine = new ThreadLocal<>();
    private final SocketIoRuntime runtime = new SocketIoRuntime(new SioEncoder(JsonbBuilder.create()), JsonProvider.provider(),
            JsonbBuilder.create(), 10, 45_000, new SecureRandom(), SocketIoObserver.NONE, AdapterFactory.MEMORY, RecoverySettings.OFF);

    private final NamespaceHandler handler = new NamespaceHandler() {
        @Override
        public void onConnect(SocketClient client) {
            last.set(client);
            mine.set(client);
            client.emit("welcome", client.namespace());
        }

        @Override
        public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
        }

        @Override
        public void onDisconnect(SocketClient client, String reason) {
            seen.add("left " + client.namespace());
        }
    };

    private Namespaces namespaces(boolean removeWhenEmpty) {
        return new Namespaces(Map.of(), List.of(NamespacePattern.of(Pattern.compile("/dyn-\\d+"), handler, removeWhenEmpty)), runtime);
    }

    private Client connect(Namespaces namespaces, RecordingConnection connection, String name) {
        Client client = new Client(connection, namespaces::connecting, runtime);
        client.onMessage(Packet.message("0" + name + ","));
        return client;
    }

    @Test
    void aNameThatMatchesMakesANamespaceOfThatNameOnTheFirstConnect() {
        Namespaces namespaces = namespaces(true);
        RecordingConnection connection = new RecordingConnection();
        connect(namespaces, connection, "/dyn-7");
        assertEquals("/dyn-7", last.get().namespace());
        assertTrue(connection.sent().get(1).startsWith("2/dyn-7,[\"welcome\",\"/dyn-7\"]"), connection.sent().toString());
        assertEquals(java.util.Set.of("/", "/dyn-7"), namespaces.names());
    }

    @Test
    void aNameThatMatchesNoPatternIsAnInvalidNamespace() {
        Namespaces namespaces = namespaces(true);
        RecordingConnection connection = new RecordingConnection();
        connect(namespaces, connection, "/dyn-x");
        assertEquals(List.of("4/dyn-x,{\"message\":\"Invalid namespace\"}"), connection.sent());
        assertEquals(java.util.Set.of("/"), namespaces.names());
    }

    @Test
    void theParentReachesEveryChildAndNarrowsInEach() {
        Namespaces namespaces = namespaces(true);
        RecordingConnection one = new RecordingConnection();
        RecordingConnection two = new RecordingConnection();
        connect(namespaces, one, "/dyn-1");
        SocketClient first = last.get();
        connect(namespaces, two, "/dyn-2");
        first.join("red");

        ParentBroadcast parent = new ParentBroadcast(namespaces.parent("/dyn-\\d+"));
        parent.emit("news", "all");
        parent.to("red").emit("news", "red only");

        assertEquals(List.of("2/dyn-1,[\"news\",\"all\"]", "2/dyn-1,[\"news\",\"red only\"]"), one.sent().subList(2, 4));
        assertEquals(List.of("2/dyn-2,[\"news\",\"all\"]"), two.sent().subList(2, 3));
        assertEquals(2, parent.socketIds().size());
    }

    @Test
    void aChildGoesWithItsLastSocketWhenThePatternSaysSo() {
        Namespaces namespaces = namespaces(true);
        Client a = connect(namespaces, new RecordingConnection(), "/dyn-1");
        Client b = connect(namespaces, new RecordingConnection(), "/dyn-1");
        a.onClose(CloseReason.TRANSPORT_CLOSE);
        assertTrue(namespaces.live("/dyn-1").isPresent(), "one socket is still there");
        b.onClose(CloseReason.TRANSPORT_CLOSE);
        assertEquals(Optional.empty(), namespaces.live("/dyn-1"));
        assertEquals(List.of("left /dyn-1", "left /dyn-1"), seen);
    }

    @Test
    void aChildStaysWhenThePatternKeepsIt() {
        Namespaces namespaces = namespaces(false);
        connect(namespaces, new RecordingConnection(), "/dyn-1").onClose(CloseReason.TRANSPORT_CLOSE);
        assertTrue(namespaces.live("/dyn-1").isPresent());
    }

    @Test
    void aRefusedSocketDoesNotKeepItsChild() {
        NamespaceHandler refusing = new NamespaceHandler() {
            @Override
            public void onConnect(SocketClient client) {
                throw new dev.switchboard.handler.ConnectRejection("no");
            }

            @Override
            public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
            }

            @Override
            public void onDisconnect(SocketClient client, String reason) {
            }
        };
        Namespaces namespaces = new Namespaces(Map.of(), List.of(NamespacePattern.of(Pattern.compile("/dyn-\\d+"), refusing, true)), runtime);
        RecordingConnection connection = new RecordingConnection();
        connect(namespaces, connection, "/dyn-3");
        assertEquals(List.of("4/dyn-3,{\"message\":\"no\"}"), connection.sent());
        assertEquals(Optional.empty(), namespaces.live("/dyn-3"));
    }

    @Test
    void aMatcherDecidesWithTheAuthPayloadAndALiveNamespaceIsNotAskedAgain() {
        List<String> asked = new CopyOnWriteArrayList<>();
        NamespacePattern teams = NamespacePattern.decidedBy(Object.class, (name, handshake) -> {
            asked.add(name);
            return name.startsWith("/team-") && handshake.auth().containsKey("token");
        }, handler, true);
        Namespaces namespaces = new Namespaces(Map.of(), List.of(teams), runtime);
        RecordingConnection member = new RecordingConnection();
        Client client = new Client(member, namespaces::connecting, runtime);
        client.onMessage(Packet.message("0/team-1,{\"token\":\"t\"}"));
        assertEquals("/team-1", last.get().namespace());

        RecordingConnection stranger = new RecordingConnection();
        new Client(stranger, namespaces::connecting, runtime).onMessage(Packet.message("0/team-2,{}"));
        assertEquals(List.of("4/team-2,{\"message\":\"Invalid namespace\"}"), stranger.sent());

        RecordingConnection late = new RecordingConnection();
        new Client(late, namespaces::connecting, runtime).onMessage(Packet.message("0/team-1,{}"));
        assertTrue(late.sent().get(0).startsWith("0/team-1,{\"sid\""), "a live namespace takes it: " + late.sent());
        assertEquals(List.of("/team-1", "/team-2"), asked);
        assertEquals(Optional.empty(), namespaces.live("/team-2"));
        // application code naming a namespace only a matcher could take cannot make it: no client's handshake to ask with
        assertThrows(IllegalArgumentException.class, () -> namespaces.named("/team-3"));
    }

    /**
     * Two connections join and leave the same child over and over: a connected socket's namespace is always the live
     * one of its name, never a child removed under it (its last socket leaving as the other joined).
     */
    @Test
    void aConnectRacingTheLastSocketOutNeverGetsARemovedChild() throws Exception {
        Namespaces namespaces = namespaces(true);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(threads.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 5_000; i++) {
                        Client client = new Client(new RecordingConnection(), namespaces::connecting, runtime);
                        client.onMessage(Packet.message("0/dyn-1,"));
                        Namespace home = ((Socket) mine.get()).home();
                        assertTrue(mine.get().connected());
                        assertSame(home, namespaces.live("/dyn-1").orElse(null), "a connected socket's child is the live one");
                        client.onClose(CloseReason.TRANSPORT_CLOSE);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> run : runs) {
                assertEquals(5_000, run.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(Optional.empty(), namespaces.live("/dyn-1"), "gone with the last socket");
    }
}
