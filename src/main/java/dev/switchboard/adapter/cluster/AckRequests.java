package dev.switchboard.adapter.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's broadcasts with acknowledgements that are still collecting, by request id: opened when one starts,
 * fed by the other nodes' counts and answers, gone once complete or expired. Thread-safe: opened on the
 * application's threads, looked up on the Redis client's, expired on the scheduler's.
 */
public final class AckRequests {
    private final ScheduledExecutorService scheduler;
    private final Map<String, AckCollection> open = new ConcurrentHashMap<>();

    public AckRequests(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts collecting for a broadcast whose request the caller publishes after.
     *
     * @param servers the nodes that will count, this one included
     */
    public AckCollection open(String requestId, int servers, long timeoutMillis) {
        AckCollection collection = new AckCollection(servers);
        open.put(requestId, collection);
        collection.done().whenComplete((answers, failure) -> open.remove(requestId));
        scheduler.schedule(collection::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        return collection;
    }

    /** @return the collection an answer names, when it is one of this node's still open */
    public Optional<AckCollection> named(Object requestId) {
        return requestId instanceof String id ? Optional.ofNullable(open.get(id)) : Optional.empty();
    }
}
