package dev.switchboard.admin;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void anAddressIsRefusedAfterFiveFailedAttemptsUntilItsMinuteIsOver() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertTrue(throttle.admit("10.0.0.1"), "attempt " + (i + 1)); // and each fails: nothing says otherwise
        }
        assertFalse(throttle.admit("10.0.0.1"));
        assertTrue(throttle.admit("10.0.0.2"), "another address is not held back");
        now.addAndGet(LoginThrottle.WINDOW_MILLIS);
        assertTrue(throttle.admit("10.0.0.1"), "a new minute");
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.admit("10.0.0.1");
        }
        assertTrue(throttle.admit("10.0.0.1"));
        throttle.succeeded("10.0.0.1");
        assertTrue(throttle.admit("10.0.0.1"));
        assertTrue(throttle.admit("10.0.0.1"), "the count started again");
    }

    /** The check takes milliseconds (bcrypt): attempts started meanwhile must not all pass. */
    @Test
    void attemptsMadeInParallelGetNoMoreChecksThanTheLimit() throws Exception {
        int attempts = 50;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            Thread attempt = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException interrupted) {
                    return;
                }
                if (throttle.admit("10.0.0.9")) {
                    admitted.incrementAndGet(); // the check runs here, and fails
                }
            });
            attempt.start();
            threads.add(attempt);
        }
        start.countDown();
        for (Thread attempt : threads) {
            attempt.join();
        }
        assertEquals(LoginThrottle.FREE_FAILURES, admitted.get());
    }

    @Test
    void manyAddressesDoNotGrowItWithoutBound() {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 10; i++) {
            throttle.admit("address-" + i);
        }
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.admit("last");
        }
        assertFalse(throttle.admit("last"));
        assertTrue(throttle.admit("address-0"), "the oldest entries went");
    }
}
