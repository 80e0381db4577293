package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerialExecutorTest {

    @Test
    void executeHereRunsOnTheCallerWhenIdleAndWhatTheTaskQueuesToo() {
        List<Runnable> pool = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(pool::add, "test");
        List<String> ran = new ArrayList<>();
        Thread caller = Thread.currentThread();
        executor.executeHere(() -> {
            ran.add("packet on " + (Thread.currentThread() == caller ? "caller" : "other"));
            executor.execute(() -> ran.add("ack"));
        });
        assertEquals(List.of("packet on caller", "ack"), ran);
        assertTrue(pool.isEmpty(), "no hand-over to the pool");
    }

    @Test
    void aTaskSeesWhetherOthersWaitBehindIt() {
        List<Runnable> pool = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(pool::add, "test");
        List<Boolean> seen = new ArrayList<>();
        executor.execute(() -> seen.add(executor.hasWaitingTasks()));
        executor.execute(() -> seen.add(executor.hasWaitingTasks()));
        pool.remove(0).run();
        assertEquals(List.of(true, false), seen, "the first has the second behind it; the second is alone");
    }

    @Test
    void executeHereQueuesBehindATurnInProgressAndKeepsOrder() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor executor = new SerialExecutor(pool, "test");
            CountDownLatch firstRunning = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
            executor.execute(() -> {
                firstRunning.countDown();
                await(release);
                ran.add("first");
            });
            assertTrue(firstRunning.await(5, TimeUnit.SECONDS));
            Thread caller = Thread.currentThread();
            executor.executeHere(() -> ran.add("second on " + (Thread.currentThread() == caller ? "caller" : "pool")));
            executor.execute(done::countDown);
            assertTrue(ran.isEmpty(), "the caller did not run it while another turn was in progress");
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("first", "second on pool"), ran);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void runOrQueueRunsOnlyThatTaskOnTheCallerAndHandsWhatItQueuesToThePool() {
        List<Runnable> pool = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(pool::add, "test");
        List<String> ran = new ArrayList<>();
        Thread caller = Thread.currentThread();
        executor.runOrQueue(() -> {
            ran.add("ping on " + (Thread.currentThread() == caller ? "caller" : "other"));
            executor.execute(() -> ran.add("queued by the ping"));
        });
        assertEquals(List.of("ping on caller"), ran, "the caller ran the ping and nothing else");
        assertEquals(1, pool.size(), "what the ping queued went to the pool");
        pool.remove(0).run();
        assertEquals(List.of("ping on caller", "queued by the ping"), ran);
    }

    @Test
    void runOrQueueQueuesBehindWaitingWork() {
        List<Runnable> pool = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(pool::add, "test");
        List<String> ran = new ArrayList<>();
        executor.execute(() -> ran.add("handler"));
        executor.runOrQueue(() -> ran.add("ping"));
        assertTrue(ran.isEmpty(), "not run on the caller while the session has work queued");
        pool.remove(0).run();
        assertEquals(List.of("handler", "ping"), ran, "run after it, in its turn");
    }

    @Test
    void aFailingTaskDoesNotStopTheNext() {
        List<String> ran = new ArrayList<>();
        SerialExecutor executor = new SerialExecutor(Runnable::run, "test");
        executor.executeHere(() -> {
            throw new IllegalStateException("handler bug");
        });
        executor.executeHere(() -> ran.add("next"));
        assertEquals(List.of("next"), ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("not released within 5 s");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
