package dev.switchboard.engine;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code ratePerSecond}; each packet takes one.
 * A client may send {@code burst} packets at once, and {@code ratePerSecond} on average.
 * <p>
 * Not thread-safe: each session owns one and only touches it on its executor. Time comes from the caller
 * (nanoseconds, as {@link System#nanoTime()}), so tests drive it without sleeping.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long capacity;
    /** Nanoseconds to earn one token. */
    private final double nanosPerToken;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int ratePerSecond, int burst, long nowNanos) {
        if (ratePerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive: " + ratePerSecond + ", " + burst);
        }
        this.capacity = burst;
        this.nanosPerToken = (double) NANOS_PER_SECOND / ratePerSecond;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    /** @return whether a token was available and is now spent */
    public boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed / nanosPerToken);
            refilledAt = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
