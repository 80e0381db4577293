package dev.switchboard.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of places, taken and given back from any thread: open sessions, waiting polls. A take never
 * overshoots the limit, however many threads race for the last place.
 */
public final class Capacity {
    private final int limit;
    private final AtomicInteger used = new AtomicInteger();

    public Capacity(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** As many places as an int can count: for transports built without a limit. */
    public static Capacity unbounded() {
        return new Capacity(Integer.MAX_VALUE);
    }

    /** @return whether a place was free and is now taken; give it back with {@link #release()} */
    public boolean tryTake() {
        int now;
        do {
            now = used.get();
            if (now >= limit) {
                return false;
            }
        } while (!used.compareAndSet(now, now + 1));
        return true;
    }

    public void release() {
        used.decrementAndGet();
    }

    /** Whether a take would fail now (a hint: another thread may take or release the next moment). */
    public boolean isFull() {
        return used.get() >= limit;
    }

    public int used() {
        return used.get();
    }

    public int limit() {
        return limit;
    }
}
