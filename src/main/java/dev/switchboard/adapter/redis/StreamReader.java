package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.cluster.ClusterStats;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the cluster's stream (XREAD BLOCK on a connection of its own, one command at a time, no thread parked) and
 * hands each entry to its namespace's adapter, this node's own broadcasts included: every client of this node gets
 * the stream's events in stream order, and {@link #position} is a clean line, everything up to it handed out,
 * nothing after. A session is recovered against that line ({@link #atPosition}), so each event reaches a recovered
 * socket once: read back from the stream, or live.
 * <p>
 * Thread-safe. Entries are handled on Lettuce's thread under this object's lock, which is also the lock of
 * {@link #atPosition} and of this node's own publications ({@link #whenRead}); the lock is held while an entry is
 * queued for its clients, never for I/O.
 */
final class StreamReader {
    private static final Logger LOG = Logger.getLogger(StreamReader.class.getName());
    private static final long BLOCK_MILLIS = 5000;
    private static final int READ_COUNT = 100;
    private static final int MAX_UNCLAIMED = 10_000;
    private static final long MAX_WAIT_MILLIS = 5000;

    private final byte[] stream;
    private final String uid;
    private final ClusterStats stats;
    private final ScheduledExecutorService scheduler;
    private final Function<String, RedisStreamsAdapter> adapters;
    // guarded by this
    private StreamId position;
    private final Map<StreamId, Waiting> ownWaiting = new LinkedHashMap<>();
    // own entries read before their XADD answered: handed out from the stream, so the answer must not again
    private final Set<StreamId> ownRead = new LinkedHashSet<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile boolean stopped;

    private record Waiter(StreamId offset, CompletableFuture<Void> past) {
    }

    /** This node's own broadcast, published, waiting for the reading to get there. */
    private record Waiting(Runnable delivery, long since) {
    }

    StreamReader(String stream, String uid, ClusterStats stats, ScheduledExecutorService scheduler,
                 Function<String, RedisStreamsAdapter> adapters) {
        this.stream = stream.getBytes(StandardCharsets.UTF_8);
        this.uid = uid;
        this.stats = stats;
        this.scheduler = scheduler;
        this.adapters = adapters;
    }

    /**
     * Starts reading on this connection: from where it stopped, or for a first start from the stream's newest entry
     * (as Node's {@code $}, but a known id, so the line is clean from the start).
     */
    void start(StatefulRedisConnection<byte[], byte[]> reading) {
        if (connection == null) {
            scheduler.scheduleWithFixedDelay(this::handOutOverdue, 1, 1, TimeUnit.SECONDS);
        }
        connection = reading;
        synchronized (this) {
            if (position != null) {
                read();
                return;
            }
        }
        reading.async().xrevrange(stream, Range.create("-", "+"), Limit.from(1)).whenComplete((newest, failure) -> {
            synchronized (this) {
                if (failure == null && position == null) {
                    position = newest.isEmpty() ? StreamId.ZERO : StreamId.parse(newest.get(0).getId()).orElse(StreamId.ZERO);
                }
            }
            if (failure != null) {
                LOG.fine(() -> "Could not find the end of the stream: " + failure);
                scheduler.schedule(() -> start(reading), 1, TimeUnit.SECONDS);
            } else {
                read();
            }
        });
    }

    /** Whether {@link #start} ran: a reader starts once, and Lettuce reconnects its connection. */
    boolean started() {
        return connection != null;
    }

    void stop() {
        stopped = true;
        StatefulRedisConnection<byte[], byte[]> reading = connection;
        if (reading != null) {
            reading.close();
        }
        synchronized (this) {
            // no class the deployment has not loaded yet may be needed here: at undeploy its class loader may already
            // refuse to load one (a Waiter is loaded once a restore has waited)
            if (!waiters.isEmpty()) {
                for (Waiter waiter : waiters) {
                    waiter.past().complete(null);
                }
                waiters.clear();
            }
        }
    }

    private void read() {
        StatefulRedisConnection<byte[], byte[]> reading = connection;
        if (stopped || reading == null) {
            return;
        }
        String from;
        synchronized (this) {
            from = position.toString();
        }
        reading.async().xread(XReadArgs.Builder.block(BLOCK_MILLIS).count(READ_COUNT), XReadArgs.StreamOffset.from(stream, from))
                .whenComplete((entries, failure) -> {
                    if (stopped) {
                        return;
                    }
                    if (failure != null) {
                        LOG.fine(() -> "Reading the stream failed, again in 1 s: " + failure);
                        scheduler.schedule(this::read, 1, TimeUnit.SECONDS);
                        return;
                    }
                    if (entries != null) {
                        handOut(entries);
                    }
                    read();
                });
    }

    private synchronized void handOut(List<StreamMessage<byte[], byte[]>> entries) {
        for (StreamMessage<byte[], byte[]> entry : entries) {
            StreamId id = StreamId.parse(entry.getId()).orElse(null);
            if (id == null) {
                continue;
            }
            Map<String, String> fields = fields(entry.getBody());
            try {
                stats.received.increment();
                if (uid.equals(fields.get("uid"))) {
                    Waiting own = ownWaiting.remove(id);
                    if (own != null) {
                        own.delivery().run();
                    } else {
                        claimRead(id);
                        handTo(fields, id, true);
                    }
                } else {
                    handTo(fields, id, false);
                }
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "Failed on stream entry " + id, bug);
            }
            position = id;
        }
        waiters.removeIf(waiter -> {
            if (waiter.offset().compareTo(position) <= 0) {
                waiter.past().complete(null);
                return true;
            }
            return false;
        });
    }

    private void handTo(Map<String, String> fields, StreamId id, boolean own) {
        String namespace = fields.get("nsp");
        RedisStreamsAdapter adapter = namespace == null ? null : adapters.apply(namespace);
        if (adapter != null) {
            adapter.onStreamEntry(id, fields, own);
        }
    }

    private void claimRead(StreamId id) {
        ownRead.add(id);
        if (ownRead.size() > MAX_UNCLAIMED) {
            ownRead.remove(ownRead.iterator().next()); // an XADD whose answer never came: the connection broke
        }
    }

    /**
     * This node published {@code id}: {@code delivery} hands it to this node's clients when the reading gets
     * there, in stream order; not at all when the reading got there first (it was handed out from the stream).
     */
    synchronized void whenRead(StreamId id, Runnable delivery) {
        if (!ownRead.remove(id)) {
            ownWaiting.put(id, new Waiting(delivery, System.nanoTime()));
        }
    }

    /**
     * Own broadcasts the reading has not reached in {@value #MAX_WAIT_MILLIS} ms (it cannot read the stream, while
     * publishing still works): handed out now, out of stream order rather than never. On the scheduler's thread.
     */
    private synchronized void handOutOverdue() {
        long now = System.nanoTime();
        int overdue = 0;
        var waiting = ownWaiting.values().iterator();
        while (waiting.hasNext()) {
            Waiting own = waiting.next();
            if (now - own.since() < TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)) {
                break; // in publication order: the rest are younger
            }
            waiting.remove();
            overdue++;
            try {
                own.delivery().run();
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "Failed to hand out an overdue broadcast", bug);
            }
        }
        if (overdue > 0) {
            int count = overdue;
            LOG.warning(() -> count + " broadcast(s) of this node waited " + MAX_WAIT_MILLIS + " ms for the stream to be "
                    + "read and were handed to this node's clients directly; is the stream readable?");
        }
    }

    /**
     * Runs {@code action} at the line: with nothing handed out while it runs; completes with the line's id. Waits
     * first until the reading is past {@code atLeast} (a client may come back with an offset another node handed it
     * before this node read that far), at most {@code maxWaitMillis}.
     */
    CompletionStage<StreamId> atPosition(StreamId atLeast, long maxWaitMillis, Runnable action) {
        CompletableFuture<Void> past = new CompletableFuture<>();
        synchronized (this) {
            if (position != null && atLeast.compareTo(position) <= 0) {
                past.complete(null);
            } else {
                waiters.add(new Waiter(atLeast, past));
            }
        }
        Supplier<StreamId> run = () -> {
            synchronized (this) {
                action.run();
                return position == null ? atLeast : position;
            }
        };
        return past.completeOnTimeout(null, maxWaitMillis, TimeUnit.MILLISECONDS).thenApply(ignored -> run.get());
    }

    private static Map<String, String> fields(Map<byte[], byte[]> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((key, value) -> fields.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8)));
        return fields;
    }
}
