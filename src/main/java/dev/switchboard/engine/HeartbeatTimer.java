package dev.switchboard.engine;

/**
 * One session's ping or ping timeout, waiting in a slot of {@link EngineScheduler}. Cancelling it forgets the task
 * and the session at once, so a closed session is not kept until its slot comes round; the empty timer stays in the
 * slot's list until then.
 * <p>
 * Threads: made and cancelled on the session's executor; {@link #dispatch} runs on the worker that serves the slot,
 * {@link #run} on the session's executor. The task runs only if the timer was not cancelled before the session's
 * turn came, which the session decides on its own executor: a pong that cancels the ping timeout wins even when the
 * timeout was already handed over.
 */
public final class HeartbeatTimer implements Runnable {
    private volatile Runnable task;
    private volatile SerialExecutor target;

    HeartbeatTimer(Runnable task, SerialExecutor target) {
        this.task = task;
        this.target = target;
    }

    /** Stops the timer: its task will not run. Call it on the session's executor. */
    public void cancel() {
        task = null;
        target = null;
    }

    /** The slot is due: the task runs here if the session is idle, else after what the session has queued. */
    void dispatch() {
        SerialExecutor to = target;
        if (to != null) {
            to.runOrQueue(this);
        }
    }

    @Override
    public void run() {
        Runnable due = task;
        if (due != null) {
            task = null;
            target = null;
            due.run();
        }
    }
}
