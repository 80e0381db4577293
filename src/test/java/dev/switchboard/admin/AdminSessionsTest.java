package dev.switchboard.admin;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminSessionsTest {
    private final AtomicLong now = new AtomicLong(5_000);
    private final AdminSessions sessions = new AdminSessions(now::get);

    @Test
    void aSessionIsSixteenHexCharactersAndValidFor24Hours() {
        String id = sessions.open();
        assertTrue(id.matches("[0-9a-f]{16}"), id);
        assertNotEquals(id, sessions.open());
        now.addAndGet(AdminSessions.LIFETIME_MILLIS - 1);
        assertTrue(sessions.valid(id));
        now.incrementAndGet();
        assertFalse(sessions.valid(id));
    }

    @Test
    void anUnknownIdIsNotValid() {
        assertFalse(sessions.valid("0123456789abcdef"));
    }

    @Test
    void theOldestSessionGoesPastTheBound() {
        String first = sessions.open();
        for (int i = 0; i < AdminSessions.MAX_SESSIONS; i++) {
            sessions.open();
        }
        assertFalse(sessions.valid(first));
    }
}
