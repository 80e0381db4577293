package dev.switchboard.socketio;

import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} for unit tests: it records what is sent, in the order {@code send} was called (the order
 * the session's executor would queue it), runs {@code execute} tasks at once on the caller, and keeps timers until
 * a test fires them. Thread-safe.
 */
final class RecordingConnection implements Connection {
    // guarded by this
    private final List<Packet> sent = new ArrayList<>();
    // guarded by this
    private final List<FutureTask<?>> timers = new ArrayList<>();
    // guarded by this
    private CloseReason closedWith;
    // guarded by this: whether the transport could take a volatile packet now
    private boolean writable = true;

    @Override
    public String sid() {
        return "test-session";
    }

    @Override
    public ClientRequest request() {
        return new ClientRequest("GET", "/socket.io/", Map.of("EIO", "4", "transport", "websocket"), Map.of(),
                "127.0.0.1", false);
    }

    @Override
    public String transportName() {
        return "websocket";
    }

    @Override
    public synchronized void send(List<Packet> packets) {
        sent.addAll(packets);
        notifyAll();
    }

    @Override
    public synchronized void sendVolatile(List<Packet> packets) {
        if (writable) {
            send(packets);
        }
    }

    /** Whether volatile packets are taken (a transport that can write now) or dropped. */
    synchronized void writable(boolean canWrite) {
        writable = canWrite;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delayMillis) {
        FutureTask<?> timer = new FutureTask<>(task, null);
        timers.add(timer);
        return timer;
    }

    @Override
    public synchronized void close(CloseReason reason) {
        closedWith = reason;
    }

    /** The Socket.IO text of every packet sent so far, in order ("0/chat,{...}", "2/chat,[...]"). */
    synchronized List<String> sent() {
        return sent.stream().map(Packet::data).toList();
    }

    /** Waits until at least {@code count} packets were sent; false when they were not within the timeout. */
    synchronized boolean awaitSent(int count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (sent.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Timers scheduled and neither cancelled nor fired. */
    synchronized long pendingTimers() {
        return timers.stream().filter(timer -> !timer.isDone()).count();
    }

    synchronized CloseReason closedWith() {
        return closedWith;
    }
}
