package dev.switchboard.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter per label value (a namespace, a transport). Any thread. After a value's first increment an
 * increment is a map read and a {@link LongAdder} add. Callers only pass values from a bounded set (server
 * names, never client-chosen text), as every value becomes a time series.
 */
final class LabeledCounter {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void increment(String label) {
        LongAdder count = counts.get(label);
        if (count == null) {
            count = counts.computeIfAbsent(label, created -> new LongAdder());
        }
        count.increment();
    }

    long get(String label) {
        LongAdder count = counts.get(label);
        return count == null ? 0 : count.sum();
    }

    /** The sum over every label value. */
    long total() {
        long sum = 0;
        for (LongAdder count : counts.values()) {
            sum += count.sum();
        }
        return sum;
    }

    /** Every label value seen so far and its count, sorted by label. */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((label, count) -> snapshot.put(label, count.sum()));
        return snapshot;
    }
}
