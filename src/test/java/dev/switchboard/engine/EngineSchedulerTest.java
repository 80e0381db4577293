package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSchedulerTest {
    /** Counts the tasks the scheduler hands to the worker pool, and runs each on the timer thread. */
    private final AtomicInteger workerTasks = new AtomicInteger();
    private final Executor workers = task -> {
        workerTasks.incrementAndGet();
        task.run();
    };
    private final EngineScheduler scheduler = new EngineScheduler(Thread::new, workers);

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    @Test
    void heartbeatsDueTogetherReachTheWorkersAsOneTaskPerGroupAndNeverEarly() throws Exception {
        int sessions = 100;
        CountDownLatch pinged = new CountDownLatch(sessions);
        List<Long> lateness = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < sessions; i++) {
            if (i % 10 == 0) {
                Thread.sleep(5); // sessions whose pongs came over 50 ms, not in the same millisecond
            }
            SerialExecutor session = new SerialExecutor(Runnable::run, "s" + i);
            long scheduled = System.nanoTime();
            scheduler.heartbeat(() -> {
                lateness.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduled) - 1000);
                pinged.countDown();
            }, 1000, session);
        }
        assertTrue(pinged.await(10, TimeUnit.SECONDS), "every heartbeat ran");
        assertTrue(workerTasks.get() <= 4, "100 heartbeats over 50 ms in at most two 100 ms slots, at most 64 to a task,"
                + " handed over in " + workerTasks.get() + " tasks");
        assertTrue(Collections.min(lateness) >= 0, "none before its delay: " + lateness);
        assertTrue(Collections.max(lateness) < EngineScheduler.SLOT_MILLIS + 1000,
                "each within its slot, give or take a busy machine: " + Collections.max(lateness) + " ms late");
        assertEquals(0, scheduler.pending(), "nothing left on the timer");
    }

    @Test
    void aCancelledHeartbeatDoesNotRun() throws Exception {
        SerialExecutor session = new SerialExecutor(Runnable::run, "s");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch later = new CountDownLatch(1);
        scheduler.heartbeat(() -> ran.add("cancelled"), 20, session).cancel();
        scheduler.heartbeat(later::countDown, 40, session);
        assertTrue(later.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(), ran);
    }

    @Test
    void aHeartbeatCancelledWhileQueuedBehindTheSessionsWorkDoesNotRun() throws Exception {
        List<Runnable> pool = Collections.synchronizedList(new ArrayList<>());
        SerialExecutor session = new SerialExecutor(pool::add, "s");
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch handedOver = new CountDownLatch(1);
        session.execute(() -> ran.add("pong")); // the session is busy: queued, its turn not yet run
        HeartbeatTimer timeout = scheduler.heartbeat(() -> ran.add("ping timeout"), 10, session);
        scheduler.heartbeat(handedOver::countDown, 30, new SerialExecutor(Runnable::run, "other"));
        assertTrue(handedOver.await(5, TimeUnit.SECONDS));
        assertEquals(1, pool.size(), "the due timeout waits behind the pong, in the session's one turn");
        timeout.cancel(); // the pong, handled first, cancels it on the session's executor
        pool.remove(0).run();
        assertEquals(List.of("pong"), ran, "the timeout handed over before the pong was handled did not run");
    }
}
