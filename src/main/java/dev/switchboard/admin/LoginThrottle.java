package dev.switchboard.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admin UI logins per client address that did not succeed (a checked attempt counts from the moment it is admitted):
 * after {@link #FREE_FAILURES} within {@link #WINDOW_MILLIS}, that address is refused without a password check until
 * the window ends, so guessing costs the guesser time and the server no
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

    /**
     * Whether a login from this address may be checked now. An admitted attempt counts as a failure at once, until
     * {@link #succeeded} says otherwise: attempts made in parallel (each on its own connection, checked on its own
     * thread) cannot all pass while none has failed yet, as they could when the count grew only after the check.
     */
    synchronized boolean admit(String address) {
        Failures seen = current(address);
        if (seen != null && seen.count() >= FREE_FAILURES) {
            return false;
        }
        failures.remove(address);
        while (failures.size() >= MAX_ADDRESSES) {
            failures.remove(failures.keySet().iterator().next());
        }
        failures.put(address, seen == null ? new Failures(clock.getAsLong(), 1) : new Failures(seen.since(), seen.count() + 1));
        return true;
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
