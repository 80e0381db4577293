package dev.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport for session tests: records what the session sends and how it ends. As a WebSocket it writes nothing
 * (what it is sent stays "buffered", as for a client that does not read) unless {@link #drains} is set.
 * Any thread may call it; the lists are safe to read from the test thread.
 */
final class RecordingTransport implements Transport {
    final List<Packet> sent = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    /** How many times the session wrote (called {@link #send}). */
    final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether what is sent leaves at once (a reading client) or stays buffered. */
    volatile boolean drains = true;
    private volatile long buffered;
    private final List<Runnable> whenGone = new ArrayList<>(); // guarded by this
    private boolean gone; // guarded by this

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<String> upgrades() {
        return List.of();
    }

    @Override
    public void bind(TransportListener listener) {
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public int send(List<Packet> packets) {
        writes.incrementAndGet();
        sent.addAll(packets);
        if (!drains) {
            packets.forEach(packet -> buffered += packet.length());
        }
        return packets.size();
    }

    @Override
    public long bufferedBytes() {
        return buffered;
    }

    @Override
    public void close() {
        events.add("close");
    }

    @Override
    public void close(CloseReason reason) {
        events.add("close " + reason.wireName());
    }

    @Override
    public void abort(CloseReason reason) {
        buffered = 0;
        events.add("abort " + reason.wireName());
    }

    @Override
    public void whenGone(Runnable action) {
        boolean now;
        synchronized (this) {
            now = gone;
            if (!now) {
                whenGone.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    /** The connection underneath closes now. */
    void goAway() {
        List<Runnable> actions;
        synchronized (this) {
            gone = true;
            actions = List.copyOf(whenGone);
            whenGone.clear();
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public void discard() {
        events.add("discard");
    }

    @Override
    public void refuse(EngineError error) {
        events.add("refuse " + error);
    }

    /** How many packets of this type were sent. */
    long count(PacketType type) {
        return sent.stream().filter(packet -> packet.type() == type).count();
    }
}
