package dev.switchboard.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The dashboard's sessions: an id handed out at each login (16 hex characters, as the Node server makes them), which
 * logs the same browser in again without its password for 24 hours. Thread-safe: guarded by this. Bounded: the
 * oldest are dropped past {@link #MAX_SESSIONS}, and expired ones go at every login.
 */
final class AdminSessions {
    static final long LIFETIME_MILLIS = TimeUnit.HOURS.toMillis(24);
    static final int MAX_SESSIONS = 1000;

    private final SecureRandom random = new SecureRandom();
    private final LongSupplier clock;
    // session id → when it expires (ms); in the order they were opened, so the oldest is first; guarded by this
    private final Map<String, Long> expiries = new LinkedHashMap<>();

    AdminSessions(LongSupplier clock) {
        this.clock = clock;
    }

    synchronized String open() {
        long now = clock.getAsLong();
        expiries.values().removeIf(expiry -> expiry <= now);
        while (expiries.size() >= MAX_SESSIONS) {
            expiries.remove(expiries.keySet().iterator().next());
        }
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        expiries.put(id, now + LIFETIME_MILLIS);
        return id;
    }

    synchronized boolean valid(String id) {
        Long expiry = expiries.get(id);
        return expiry != null && expiry > clock.getAsLong();
    }
}
