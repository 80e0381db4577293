package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstPassesAtOnceThenTheNextPacketIsRefused() {
        TokenBucket bucket = new TokenBucket(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.tryTake(0), "packet " + i + " of the burst");
        }
        assertFalse(bucket.tryTake(0));
    }

    @Test
    void tokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(5, 10, 0);
        drain(bucket, 0);
        assertFalse(bucket.tryTake(SECOND / 10), "a tenth of a second earns half a token");
        assertTrue(bucket.tryTake(SECOND / 5), "a fifth of a second earns one");
        assertFalse(bucket.tryTake(SECOND / 5));
        int passed = 0;
        for (long t = SECOND / 5; t <= SECOND / 5 + 2 * SECOND; t += SECOND / 100) {
            passed += bucket.tryTake(t) ? 1 : 0;
        }
        assertEquals(10, passed, "two seconds at 5/s, sending as fast as allowed");
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 3, 0);
        drain(bucket, 0);
        assertEquals(3, drain(bucket, 3600 * SECOND), "an hour idle still allows only the burst");
    }

    @Test
    void steadyTrafficAtTheRateIsNeverRefused() {
        TokenBucket bucket = new TokenBucket(10, 1, 0);
        for (long t = 0; t < 5 * SECOND; t += SECOND / 10) {
            assertTrue(bucket.tryTake(t), "packet at " + t);
        }
    }

    @Test
    void clockGoingBackwardsRefillsNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        assertTrue(bucket.tryTake(10 * SECOND));
        assertFalse(bucket.tryTake(5 * SECOND));
    }

    @Test
    void rateAndBurstMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }

    private static int drain(TokenBucket bucket, long now) {
        int taken = 0;
        while (bucket.tryTake(now)) {
            taken++;
        }
        return taken;
    }
}
