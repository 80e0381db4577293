package dev.switchboard.admin;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void anAddressIsRefusedAfterFiveFailuresUntilItsMinuteIsOver() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(throttle.allows("10.0.0.1"), "attempt " + (i + 1));
            throttle.failed("10.0.0.1");
        }
        assertFalse(throttle.allows("10.0.0.1"));
        assertTrue(throttle.allows("10.0.0.2"), "another address is not held back");
        now.addAndGet(LoginThrottle.WINDOW_MILLIS);
        assertTrue(throttle.allows("10.0.0.1"), "a new minute");
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertTrue(throttle.allows("10.0.0.1"));
    }

    @Test
    void manyAddressesDoNotGrowItWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 10; i++) {
            throttle.failed("address-" + i);
        }
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("last");
        }
        assertFalse(throttle.allows("last"));
        assertTrue(throttle.allows("address-0"), "the oldest entries went");
    }
}
