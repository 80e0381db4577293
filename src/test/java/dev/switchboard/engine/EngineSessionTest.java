package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session's heartbeat and per-connection byte limit, on a recording transport and the real timer. */
class EngineSessionTest {
    private static final long WAIT_MILLIS = 5000;
    private final EngineScheduler scheduler = new EngineScheduler(Thread::new, Runnable::run);
    private final RecordingTransport transport = new RecordingTransport();
    private final List<String> registry = new CopyOnWriteArrayList<>();
    private final List<Limit> limits = new CopyOnWriteArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger volatileDrops = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stopTimer() {
        scheduler.shutdown();
    }

    /** An open session on {@link #transport}; its work runs on whichever thread hands it in. */
    private EngineSession open(long pingInterval, long pingTimeout, long maxBufferedBytes) {
        return open(pingInterval, pingTimeout, maxBufferedBytes, Runnable::run);
    }

    /** An open session on {@link #transport} whose turns run on {@code workers}. */
    private EngineSession open(long pingInterval, long pingTimeout, long maxBufferedBytes, java.util.concurrent.Executor workers) {
        SessionSettings settings = new SessionSettings(pingInterval, pingTimeout, 1000, 10000, 1000, 1000,
                maxBufferedBytes, true);
        ClientRequest request = new ClientRequest("GET", "/socket.io/", Map.of("EIO", "4", "transport", "websocket"),
                Map.of(), "127.0.0.1", false);
        SessionRegistry recorder = new SessionRegistry() {
            @Override
            public void remove(EngineSession session) {
                registry.add("removed");
            }

            @Override
            public void release(EngineSession session) {
                registry.add("released");
            }

            @Override
            public EngineObserver observer() {
                return new EngineObserver() {
                    @Override
                    public void limitReached(Limit limit) {
                        limits.add(limit);
                    }

                    @Override
                    public void volatileDropped() {
                        volatileDrops.incrementAndGet();
                    }
                };
            }
        };
        EngineSession session = new EngineSession("sid", request, transport, settings, workers, scheduler, recorder);
        session.open(opened -> new SessionListener() {
            @Override
            public void onMessage(Packet packet) {
            }

            @Override
            public void onClose(CloseReason reason) {
                closed.complete(reason);
            }
        });
        return session;
    }

    @Test
    void pongsSentWithNoPingOutstandingDoNotPostponeThePing() {
        EngineSession session = open(100, 10_000, Long.MAX_VALUE);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        // a client that pongs of its own accord every 20 ms, faster than the server pings
        while (transport.count(PacketType.PING) < 3 && System.nanoTime() < deadline) {
            session.onPacket(transport, Packet.of(PacketType.PONG));
            pause(20);
        }
        assertTrue(transport.count(PacketType.PING) >= 3,
                "pings sent while unsolicited pongs arrived: " + transport.count(PacketType.PING));
    }

    @Test
    void aLoneSendIsWrittenInItsTurnAndSendsQueuedTogetherLeaveInOneWrite() {
        java.util.Queue<Runnable> workers = new java.util.ArrayDeque<>(); // the pool's turns, run by the test
        EngineSession session = open(25_000, 20_000, Long.MAX_VALUE, workers::add);
        runAll(workers);
        int before = transport.writes.get();

        session.send(Packet.message("alone"));
        assertEquals(1, workers.size(), "one turn of the session");
        workers.remove().run();
        assertEquals(before + 1, transport.writes.get(), "written in that turn");
        assertTrue(workers.isEmpty(), "and no second task left for it");

        session.send(Packet.message("a"));
        session.send(Packet.message("b"));
        session.send(List.of(Packet.message("c"), Packet.message("d")));
        runAll(workers);
        assertEquals(before + 2, transport.writes.get(), "sends queued together leave in one write");
        assertEquals(List.of("alone", "a", "b", "c", "d"), transport.sent.stream()
                .filter(packet -> packet.type() == PacketType.MESSAGE).map(Packet::data).toList());
    }

    private static void runAll(java.util.Queue<Runnable> workers) {
        for (Runnable turn = workers.poll(); turn != null; turn = workers.poll()) {
            turn.run();
        }
    }

    @Test
    void aClientThatDoesNotReadIsCutOffOnceMoreThanMaxBufferedBytesWait() throws Exception {
        transport.drains = false;
        EngineSession session = open(25_000, 20_000, 10_000);
        String kilobytes = "x".repeat(4000);
        for (int i = 0; i < 3; i++) {
            session.send(Packet.message(kilobytes));
        }
        assertEquals(CloseReason.BUFFER_FULL, closed.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(transport.events.contains("abort send buffer full"), "events: " + transport.events);
        assertEquals(0, transport.bufferedBytes(), "what waited is released");
        assertEquals(List.of(Limit.BUFFERED_BYTES), limits);
        assertEquals(2, transport.count(PacketType.MESSAGE), "nothing beyond the limit was handed on");
    }

    @Test
    void aVolatilePacketGoesOutWhenTheTransportIsFreeAndIsDroppedWhileBytesStillWait() {
        EngineSession session = open(25_000, 20_000, Long.MAX_VALUE);
        session.sendVolatile(List.of(Packet.message("first")));
        assertEquals(1, transport.count(PacketType.MESSAGE), "a free transport takes it");
        transport.drains = false;
        session.send(Packet.message("ordinary"));
        session.sendVolatile(List.of(Packet.message("dropped")));
        session.send(Packet.message("kept"));
        assertEquals(List.of("first", "ordinary", "kept"), transport.sent.stream()
                .filter(packet -> packet.type() == PacketType.MESSAGE).map(Packet::data).toList(),
                "with bytes still waiting, a volatile packet is dropped and nothing else is");
        assertEquals(1, volatileDrops.get());
        assertEquals(0, limits.size());
    }

    @Test
    void whatTheClientReadsDoesNotCountAgainstTheLimit() {
        EngineSession session = open(25_000, 20_000, 10_000);
        String kilobytes = "x".repeat(4000);
        for (int i = 0; i < 100; i++) {
            session.send(Packet.message(kilobytes));
        }
        assertEquals(100, transport.count(PacketType.MESSAGE));
        assertTrue(limits.isEmpty());
        assertFalse(closed.isDone());
    }

    @Test
    void aClosedSessionKeepsItsConnectionPlaceUntilItsConnectionIsGone() throws Exception {
        EngineSession session = open(25_000, 20_000, Long.MAX_VALUE);
        session.close(CloseReason.FORCED_CLOSE);
        closed.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(List.of("removed"), registry, "the sid is unknown at once; the place is still taken");
        transport.goAway();
        assertEquals(List.of("removed", "released"), registry);
    }

    @Test
    void theConnectionPlaceIsGivenBackOnceWhateverEndsTheSession() throws Exception {
        EngineSession session = open(25_000, 20_000, Long.MAX_VALUE);
        transport.goAway();
        session.onClosed(transport, CloseReason.TRANSPORT_CLOSE, "client gone");
        session.close(CloseReason.FORCED_CLOSE);
        closed.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertEquals(List.of("removed", "released"), registry);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // the client's own pace, not a wait for the server
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
