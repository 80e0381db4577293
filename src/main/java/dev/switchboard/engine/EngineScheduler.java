package dev.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one timer thread of the whole server: heartbeats, ping timeouts, upgrade and connect timeouts, ack
 * timeouts. It never runs session work itself; a due timer only hands its task to the session's executor,
 * so a slow session cannot delay another's timers.
 * <p>
 * Heartbeats (every session's ping, and its ping timeout) share slots: each is due at the end of a
 * {@value #SLOT_MILLIS} ms slot, and the timer wakes once per slot for all of them, then hands them to a worker in
 * groups. With one timer per heartbeat, 10,000 idle connections woke the timer thread and a worker 400 times a second
 * each, one heartbeat at a time. A heartbeat of under {@value #SLOTTED_FROM_MILLIS} ms is due on its own millisecond
 * (tests use such short intervals), so a slot never makes one later by more than a tenth of its delay.
 */
public final class EngineScheduler {
    private static final Logger LOG = Logger.getLogger(EngineScheduler.class.getName());
    static final long SLOT_MILLIS = 100;
    static final long SLOTTED_FROM_MILLIS = 1000;
    /** Heartbeats one worker task serves, so that a slot full of them spreads over the pool. */
    private static final int GROUP = 64;

    private final ScheduledThreadPoolExecutor timer;
    private final Executor workers;
    /** Slots not yet due, by the millisecond they are due on (of {@link #nowMillis}); any thread. */
    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();

    /**
     * @param workers runs the heartbeats of a due slot, a group per task; each heartbeat then runs on its session's
     *                executor, on that worker if the session is idle
     */
    public EngineScheduler(ThreadFactory threadFactory, Executor workers) {
        this.workers = workers;
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true); // cancelled timers must not pile up in the queue
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on {@code target} after {@code delayMillis}. Cancel the returned future to stop it. */
    public Future<?> schedule(Runnable task, long delayMillis, Executor target) {
        return timer.schedule(() -> target.execute(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} on {@code target} at the end of the slot {@code delayMillis} from now falls in. Any thread;
     * cancel the timer on the session's executor.
     */
    public HeartbeatTimer heartbeat(Runnable task, long delayMillis, SerialExecutor target) {
        HeartbeatTimer heartbeat = new HeartbeatTimer(task, target);
        long due = Math.floorDiv(System.nanoTime() + 999_999, 1_000_000) + delayMillis; // now rounded up: never early
        long slotEnd = delayMillis < SLOTTED_FROM_MILLIS ? due : Math.floorDiv(due + SLOT_MILLIS - 1, SLOT_MILLIS) * SLOT_MILLIS;
        while (!slots.computeIfAbsent(slotEnd, this::openSlot).add(heartbeat)) {
            // that slot became due as this was added, and has left the map: the next call opens a fresh one
        }
        return heartbeat;
    }

    public void shutdown() {
        timer.shutdownNow();
        slots.clear();
    }

    /** Timers waiting to fire, for metrics and leak tests: a slot of heartbeats counts as one. */
    public int pending() {
        return timer.getQueue().size();
    }

    private Slot openSlot(long dueMillis) {
        Slot slot = new Slot(dueMillis);
        try {
            timer.schedule(() -> due(slot), Math.max(0, dueMillis - nowMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.fine("Timer stopped; a heartbeat was not scheduled");
        }
        return slot;
    }

    /** On the timer thread: the slot leaves the map first, so that a heartbeat added from now on opens a new one. */
    private void due(Slot slot) {
        slots.remove(slot.dueMillis, slot);
        List<HeartbeatTimer> due = slot.close();
        for (int from = 0; from < due.size(); from += GROUP) {
            List<HeartbeatTimer> group = due.subList(from, Math.min(due.size(), from + GROUP));
            try {
                workers.execute(() -> group.forEach(HeartbeatTimer::dispatch));
            } catch (RejectedExecutionException stopped) {
                LOG.fine("Worker pool stopped; dropped due heartbeats");
                return;
            }
        }
    }

    /** Now, rounded down: a slot's wait from it never ends before the slot does. */
    private static long nowMillis() {
        return Math.floorDiv(System.nanoTime(), 1_000_000);
    }

    /** Heartbeats due at the same millisecond. Guarded by itself. */
    private static final class Slot {
        final long dueMillis;
        private final List<HeartbeatTimer> heartbeats = new ArrayList<>();
        private boolean closed;

        Slot(long dueMillis) {
            this.dueMillis = dueMillis;
        }

        synchronized boolean add(HeartbeatTimer heartbeat) {
            if (closed) {
                return false;
            }
            heartbeats.add(heartbeat);
            return true;
        }

        synchronized List<HeartbeatTimer> close() {
            closed = true;
            return heartbeats;
        }
    }
}
