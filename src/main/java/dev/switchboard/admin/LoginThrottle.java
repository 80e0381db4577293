package dev.switchboard.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed Admin UI logins per client address: after {@link #FREE_FAILURES} within {@link #WINDOW_MILLIS}, that address
 * is refused without a password check until the window ends, so guessing costs the guesser time and the server no
 * bcrypt work. Thread-safe: guarded by this. Bounded: past {@link #MAX_ADDRESSES} the oldest entries go.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 5;
    static final long WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(1);
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(long since, int count) {
    }

    private final LongSupplier clock;
    // address → failures in its current window, oldest first; guarded by this
    private final Map<String, Failures> failures = new LinkedHashMap<>();

    LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Whether a login from this address is worth checking now. */
    synchronized boolean allows(String address) {
        Failures seen = current(address);
        return seen == null || seen.count() < FREE_FAILURES;
    }

    synchronized void failed(String address) {
        Failures seen = current(address);
        failures.remove(address);
        while (failures.size() >= MAX_ADDRESSES) {
            failures.remove(failures.keySet().iterator().next());
        }
        failures.put(address, seen == null ? new Failures(clock.getAsLong(), 1) : new Failures(seen.since(), seen.count() + 1));
    }

    synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private Failures current(String address) {
        Failures seen = failures.get(address);
        if (seen != null && clock.getAsLong() - seen.since() >= WINDOW_MILLIS) {
            failures.remove(address);
            return null;
        }
        return seen;
    }
}
