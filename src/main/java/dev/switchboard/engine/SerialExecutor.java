package dev.switchboard.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one session's tasks one at a time, in submission order, on a shared pool. This is what makes a
 * session's state single-threaded: everything that touches it (packets from container threads, timers,
 * application emits) is a task here. A task that throws is logged and the next one runs.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());
    /** Tasks run per turn before the executor yields its pool thread to other sessions. */
    private static final int BATCH = 64;

    private final Executor pool;
    private final String owner;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public SerialExecutor(Executor pool, String owner) {
        this.pool = pool;
        this.owner = owner;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /**
     * Runs the task, and what it queues, on the calling thread when no other thread is running this session's
     * tasks; else queues it like {@link #execute}. For the container thread that has just read a packet: handing
     * every packet to a pool thread cost a thread wake-up per message, and the answer (an ack) then went out from
     * yet another thread. Order and one-at-a-time are kept: the caller takes the same turn a pool thread would.
     */
    public void executeHere(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            drain();
        }
    }

    /**
     * Runs the task on the calling thread if the executor is idle (no thread has its turn, nothing queued), and only
     * that task; else queues it like {@link #execute}. For a thread that serves many sessions in one go (a slot of
     * heartbeats): it never takes on a session's other work, so one busy session cannot hold up the rest, and an
     * idle session's ping costs no wake-up of a thread of its own.
     */
    public void runOrQueue(Runnable task) {
        if (!tasks.isEmpty() || !scheduled.compareAndSet(false, true)) {
            execute(task);
            return;
        }
        try {
            runOne(task);
        } finally {
            endTurn(); // what this task or another thread queued meanwhile goes to the pool
        }
    }

    /**
     * Whether tasks wait to run after the current one. Meant for a task of this executor, deciding whether what it
     * writes can wait for what those tasks add; from any other thread the answer is already stale.
     */
    public boolean hasWaitingTasks() {
        return !tasks.isEmpty();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException poolStopped) {
                scheduled.set(false);
                tasks.clear();
                LOG.fine(() -> "Worker pool stopped; dropped pending work of session " + owner);
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                runOne(task);
            }
        } finally {
            endTurn();
        }
    }

    private void runOne(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error bug) {
            LOG.log(Level.SEVERE, "Unexpected failure in session " + owner, bug);
        }
    }

    /** Gives the turn back, and hands what is queued to the pool. */
    private void endTurn() {
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
