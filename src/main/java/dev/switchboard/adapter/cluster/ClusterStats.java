package dev.switchboard.adapter.cluster;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the traffic between this node and the others, for metrics. Thread-safe. */
public final class ClusterStats {
    public final LongAdder published = new LongAdder();
    public final LongAdder publishFailures = new LongAdder();
    public final LongAdder received = new LongAdder();
    public final LongAdder malformed = new LongAdder();
    public final LongAdder requestTimeouts = new LongAdder();
}
