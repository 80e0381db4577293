package dev.switchboard.socketio;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.SocketClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An acknowledgement the server asks for always settles: with the client's answer, at its timeout, or when the
 * socket ends. Timers never fire here, so only the answer or the end can settle a stage.
 */
class SocketAckTest {
    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void emitWithAckOnASocketThatLeftFailsAtOnce() {
        AtomicReference<SocketClient> socket = new AtomicReference<>();
        RecordingConnection connection = new RecordingConnection();
        Client client = new NamespaceFixture(socket::set).connect(connection);
        client.onClose(CloseReason.TRANSPORT_CLOSE);

        CompletableFuture<Arguments> ack = socket.get().emitWithAck("ask", LONG).toCompletableFuture();

        assertTrue(ack.isCompletedExceptionally(), "settled at once, not after an hour");
        ExecutionException failure = assertThrows(ExecutionException.class, ack::get);
        assertInstanceOf(AckTimeoutException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("disconnected"), failure.getCause().getMessage());
        assertFalse(connection.sent().stream().anyMatch(packet -> packet.contains("ask")), "nothing sent: " + connection.sent());
        assertEquals(0, connection.pendingTimers(), "no timer left for an ack that cannot come");
    }

    @Test
    void emitWithAckPendingWhenTheClientLeavesFailsThenAndStopsItsTimer() {
        AtomicReference<SocketClient> socket = new AtomicReference<>();
        RecordingConnection connection = new RecordingConnection();
        Client client = new NamespaceFixture(socket::set).connect(connection);
        CompletableFuture<Arguments> ack = socket.get().emitWithAck("ask", LONG).toCompletableFuture();
        assertFalse(ack.isDone());

        client.onClose(CloseReason.TRANSPORT_CLOSE);

        assertTrue(ack.isCompletedExceptionally());
        assertEquals(0, connection.pendingTimers());
    }

    @Test
    void theClientsAckSettlesTheStageAndStopsItsTimer() throws Exception {
        AtomicReference<SocketClient> socket = new AtomicReference<>();
        RecordingConnection connection = new RecordingConnection();
        Client client = new NamespaceFixture(socket::set).connect(connection);
        CompletableFuture<Arguments> ack = socket.get().emitWithAck("ask", LONG).toCompletableFuture();
        assertEquals("2/chat,0[\"ask\"]", connection.sent().get(1));

        client.onMessage(Packet.message("3/chat,0[\"yes\"]"));

        assertEquals("yes", ack.get(0, TimeUnit.SECONDS).get(0, String.class));
        assertEquals(0, connection.pendingTimers());
    }

    @Test
    void aStageTheApplicationCancelsStopsItsTimer() {
        AtomicReference<SocketClient> socket = new AtomicReference<>();
        RecordingConnection connection = new RecordingConnection();
        new NamespaceFixture(socket::set).connect(connection);

        socket.get().emitWithAck("ask", LONG).toCompletableFuture().cancel(false);

        assertEquals(0, connection.pendingTimers());
    }

    @Test
    void emitWithAckRacingTheCloseAlwaysSettles() throws Exception {
        ExecutorService asker = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<SocketClient> socket = new AtomicReference<>();
            NamespaceFixture fixture = new NamespaceFixture(socket::set);
            for (int i = 0; i < 2000; i++) {
                Client client = fixture.connect(new RecordingConnection());
                CountDownLatch asking = new CountDownLatch(1);
                Future<List<CompletionStage<Arguments>>> asked = asker.submit(() -> {
                    List<CompletionStage<Arguments>> stages = new ArrayList<>();
                    int afterClose = 0;
                    // a few asks after the close too; bounded, in case the close never shows
                    while (afterClose < 3 && stages.size() < 1_000_000) {
                        stages.add(socket.get().emitWithAck("ask", LONG));
                        asking.countDown();
                        if (!socket.get().connected()) {
                            afterClose++;
                        }
                    }
                    return stages;
                });
                asking.await();
                client.onClose(CloseReason.TRANSPORT_CLOSE);
                List<CompletionStage<Arguments>> stages = asked.get(10, TimeUnit.SECONDS);
                for (CompletionStage<Arguments> stage : stages) {
                    assertTrue(stage.toCompletableFuture().isCompletedExceptionally(),
                            "iteration " + i + ": an ask of " + stages.size() + " never settles");
                }
            }
        } finally {
            asker.shutdownNow();
        }
    }
}
