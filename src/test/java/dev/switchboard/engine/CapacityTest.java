package dev.switchboard.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityTest {

    @Test
    void takesUpToTheLimitAndAgainAfterARelease() {
        Capacity capacity = new Capacity(2);
        assertTrue(capacity.tryTake());
        assertTrue(capacity.tryTake());
        assertTrue(capacity.isFull());
        assertFalse(capacity.tryTake());
        capacity.release();
        assertTrue(capacity.tryTake());
        assertEquals(2, capacity.used());
    }

    @Test
    void racingThreadsNeverOvershootTheLimit() throws Exception {
        Capacity capacity = new Capacity(50);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                    for (int j = 0; j < 100; j++) {
                        if (capacity.tryTake()) {
                            granted.incrementAndGet();
                        }
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(50, granted.get());
        assertEquals(50, capacity.used());
    }
}
