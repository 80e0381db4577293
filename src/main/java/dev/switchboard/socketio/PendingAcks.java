package dev.switchboard.socketio;

import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.Arguments;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The acknowledgements one socket waits for from its client. Each settles exactly once: with the client's answer,
 * at its timeout, when the application cancels it, or when the socket ends. Any thread: whoever removes an entry
 * completes it, and nothing is added once {@link #closed} has drained the map.
 */
final class PendingAcks {
    private static final Logger LOG = Logger.getLogger(PendingAcks.class.getName());

    /** Schedules a task on the connection's timer; the future cancels it. */
    interface Timers {
        Future<?> schedule(Runnable task, long delayMillis);
    }

    private final Timers timers;
    private final Runnable timedOut;
    private final AtomicLong nextId = new AtomicLong();
    // added to under this lock, and only while not closed; an entry is completed by whoever removes it
    private final Map<Long, CompletableFuture<Arguments>> waiting = new ConcurrentHashMap<>();
    // guarded by this
    private boolean closed;

    /** @param timedOut told each time an acknowledgement does not come in time (for metrics) */
    PendingAcks(Timers timers, Runnable timedOut) {
        this.timers = timers;
        this.timedOut = timedOut;
    }

    /**
     * Waits for the acknowledgement of an event, then hands its id to {@code send}; the stage fails at once, and
     * nothing is sent, when the socket has ended.
     *
     * @param event   the event's name, for the failure's message
     * @param send    sends the event with the given ack id
     * @param ended   the failure's message when the socket has ended (made only then)
     */
    CompletableFuture<Arguments> expect(String event, Duration timeout, Consumer<Long> send, Supplier<String> ended) {
        long ackId = nextId.getAndIncrement();
        CompletableFuture<Arguments> answer = new CompletableFuture<>();
        synchronized (this) {
            // checked and added under the lock closed() takes: an entry is either drained there or never added, so
            // no stage waits for an acknowledgement that cannot come
            if (closed) {
                String why = ended.get();
                LOG.fine(() -> why + "; '" + event + "' not sent");
                return CompletableFuture.failedFuture(new AckTimeoutException(why));
            }
            waiting.put(ackId, answer);
        }
        Future<?> timer = timers.schedule(() -> {
            CompletableFuture<Arguments> expired = waiting.remove(ackId);
            if (expired != null) {
                timedOut.run();
                expired.completeExceptionally(new AckTimeoutException(
                        "no acknowledgement of '" + event + "' within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis());
        // however the stage settles (the ack, the close, the timer, or the application cancelling it), the timer stops
        // and the entry goes; at once when it has settled already
        answer.whenComplete((value, failure) -> {
            timer.cancel(false);
            waiting.remove(ackId, answer);
        });
        send.accept(ackId);
        return answer;
    }

    /**
     * @param args the client's answer, made only when it is awaited
     * @return false when no acknowledgement with this id is awaited (late, unknown, or answered already)
     */
    boolean answered(long ackId, Supplier<Arguments> args) {
        CompletableFuture<Arguments> pending = waiting.remove(ackId);
        if (pending == null) {
            return false;
        }
        pending.complete(args.get());
        return true;
    }

    /** The socket ended: every acknowledgement still awaited fails, and none is awaited from now on. */
    void closed(String reason) {
        synchronized (this) {
            closed = true;
        }
        // no entry is added once closed, so this empties the map for good; an ack or timer may take one first
        for (Long ackId : waiting.keySet()) {
            CompletableFuture<Arguments> pending = waiting.remove(ackId);
            if (pending != null) {
                pending.completeExceptionally(new AckTimeoutException("client disconnected before acknowledging (" + reason + ")"));
            }
        }
    }
}
