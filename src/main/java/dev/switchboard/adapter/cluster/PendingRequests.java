package dev.switchboard.adapter.cluster;

import dev.switchboard.adapter.PartialAnswers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Requests this node sent to the others and is collecting answers for, by request id. A request completes with
 * every answer once as many came as nodes were asked, or with the answers so far when its time is up: a node that
 * died between the count and the answer costs a delay, never a hang. Thread-safe: answers arrive on the Redis
 * client's threads, timeouts on the scheduler's.
 */
public final class PendingRequests {
    private record Pending(int expected, List<Map<String, Object>> answers, CompletableFuture<List<Map<String, Object>>> done) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final long timeoutMillis;
    private final Runnable onTimeout;

    public PendingRequests(ScheduledExecutorService scheduler, long timeoutMillis, Runnable onTimeout) {
        this.scheduler = scheduler;
        this.timeoutMillis = timeoutMillis;
        this.onTimeout = onTimeout;
    }

    /** Starts waiting for {@code expected} answers to {@code requestId}; the caller publishes the request after. */
    public CompletableFuture<List<Map<String, Object>>> expect(String requestId, int expected) {
        CompletableFuture<List<Map<String, Object>>> done = new CompletableFuture<>();
        if (expected <= 0) {
            done.complete(List.of());
            return done;
        }
        pending.put(requestId, new Pending(expected, new ArrayList<>(), done));
        scheduler.schedule(() -> {
            Pending late = pending.remove(requestId);
            if (late != null) {
                onTimeout.run();
                synchronized (late) {
                    late.done().complete(List.copyOf(late.answers()));
                }
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        return done;
    }

    /**
     * As {@link #expect}, for a request whose answers each carry one value under {@code field}: the values, or
     * {@link PartialAnswers} carrying those that came when fewer than {@code expected} did.
     */
    public CompletableFuture<List<Object>> expectValues(String requestId, int expected, String field) {
        return expect(requestId, expected).thenApply(received -> {
            List<Object> values = new ArrayList<>();
            received.forEach(answer -> values.add(answer.get(field)));
            if (values.size() < expected) {
                throw new PartialAnswers(values, expected);
            }
            return values;
        });
    }

    /** Whether this node is waiting for answers to that id (a request it sent itself, heard back). */
    public boolean isOurs(Object requestId) {
        return requestId instanceof String id && pending.containsKey(id);
    }

    /** An answer from another node; ignored unless a request of that id is waiting. */
    public void answer(Object requestId, Map<String, Object> answer) {
        if (!(requestId instanceof String id)) {
            return;
        }
        Pending request = pending.get(id);
        if (request == null) {
            return;
        }
        synchronized (request) {
            request.answers().add(answer);
            if (request.answers().size() >= request.expected() && pending.remove(id, request)) {
                request.done().complete(List.copyOf(request.answers()));
            }
        }
    }

    /** Completes every waiting request with what it has: the node is leaving. */
    public void abandonAll() {
        pending.keySet().forEach(id -> {
            Pending request = pending.remove(id);
            if (request != null) {
                synchronized (request) {
                    request.done().complete(List.copyOf(request.answers()));
                }
            }
        });
    }
}
