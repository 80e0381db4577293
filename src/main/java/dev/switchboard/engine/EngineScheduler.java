package dev.switchboard.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the whole server: heartbeats, ping timeouts, upgrade and connect timeouts, ack
 * timeouts. It never runs session work itself; a due timer only hands its task to the session's executor,
 * so a slow session cannot delay another's timers.
 */
public final class EngineScheduler {
    private final ScheduledThreadPoolExecutor timer;

    public EngineScheduler(ThreadFactory threadFactory) {
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true); // cancelled heartbeats must not pile up in the queue
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on {@code target} after {@code delayMillis}. Cancel the returned future to stop it. */
    public Future<?> schedule(Runnable task, long delayMillis, Executor target) {
        return timer.schedule(() -> target.execute(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    public void shutdown() {
        timer.shutdownNow();
    }

    /** Timers waiting to fire, for metrics and leak tests. */
    public int pending() {
        return timer.getQueue().size();
    }
}
