package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.Adapter;
import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.adapter.NamespaceLink;
import dev.switchboard.adapter.cluster.ClusterStats;
import dev.switchboard.adapter.cluster.MessagePack;
import dev.switchboard.adapter.LocalRoomsAdapter;
import dev.switchboard.config.AdapterKind;
import dev.switchboard.config.ClusterSettings;
import dev.switchboard.config.RecoverySettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's place in a Redis cluster: one connection to publish, one to subscribe (Lettuce, non-blocking: no
 * thread waits per subscription), this node's uid, and the adapter of each namespace. With {@code adapter=redis},
 * channels and payloads are those of Node's {@code @socket.io/redis-adapter} 8.3, so Node servers and
 * {@code @socket.io/redis-emitter} publishers share the cluster; with {@code redis-streams}, those of
 * {@code @socket.io/redis-streams-adapter} 0.3.1, plus a connection per stream that reads it.
 * <p>
 * Redis may be down at start or go away later: the node then serves its own clients alone, connects in the
 * background with backoff (Lettuce reconnects, and subscribes again, once it has been connected), and counts what
 * it could not publish. Threads: Lettuce's event loop delivers messages (handled without blocking); one scheduler
 * thread of this class runs connection attempts and request timeouts; {@link #close} stops both.
 */
public final class RedisNode implements AdapterFactory {
    private static final Logger LOG = Logger.getLogger(RedisNode.class.getName());
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final ClusterSettings settings;
    private final RecoverySettings recovery;
    private final String uid;
    private final MessagePack messagePack = new MessagePack();
    private final ClusterStats stats = new ClusterStats();
    private final ScheduledExecutorService scheduler;
    private final RedisClient client;
    // namespace name → its adapter; written when a namespace is created, read on Lettuce's threads
    private final Map<String, RedisNamespace> adapters = new ConcurrentHashMap<>();
    private final boolean streams;
    // with redis-streams only: stream name → its reader, made with the first namespace on it and each on a connection
    // of its own (as Node's: a stream that blocks does not hold back the others); started on the scheduler's thread
    private final Map<String, StreamReader> readers = new ConcurrentHashMap<>();
    // written once by the connecting task, read anywhere
    private volatile StatefulRedisConnection<byte[], byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
    private volatile boolean closed;

    public RedisNode(ClusterSettings settings, RecoverySettings recovery) {
        this.settings = settings;
        this.recovery = recovery;
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.uid = HexFormat.of().formatHex(random);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-redis");
            thread.setDaemon(true);
            return thread;
        });
        this.streams = settings.adapter() == AdapterKind.REDIS_STREAMS;
        // made on this node's thread, as every command: Netty leaves thread-locals on the threads that touch it
        this.client = onOwnThread(() -> {
            RedisClient made = RedisClient.create(RedisURI.create(settings.redisUrl()));
            made.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            return made;
        });
        scheduler.execute(() -> connect(Duration.ofMillis(200)));
    }

    @Override
    public Adapter create(String namespace, NamespaceLink link) {
        LocalRoomsAdapter adapter = streams ? new RedisStreamsAdapter(namespace, this, link)
                : new RedisAdapter(namespace, this, link);
        adapters.put(namespace, (RedisNamespace) adapter);
        StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
        if (connection != null) {
            // from this node's thread, as every command (see command())
            scheduler.execute(() -> {
                ((RedisNamespace) adapter).subscribe(connection.async());
                startReaders();
            });
        }
        return adapter;
    }

    /**
     * A namespace's adapter closed: forgotten here, and its channels let go on this node's thread, so in order with
     * the subscribes of a namespace of the same name made again later.
     */
    void forget(String namespace, RedisNamespace adapter) {
        if (!adapters.remove(namespace, adapter) || closed) {
            return;
        }
        try {
            scheduler.execute(() -> {
                StatefulRedisPubSubConnection<byte[], byte[]> connection = subscriber;
                if (connection != null) {
                    adapter.unsubscribe(connection.async());
                }
            });
        } catch (RejectedExecutionException closing) {
            LOG.fine(() -> "Redis adapter closing: " + namespace + " not unsubscribed");
        }
    }

    /** The reader of a stream, made on first use; started once this node is connected. */
    StreamReader reader(String streamName) {
        return readers.computeIfAbsent(streamName,
                name -> new StreamReader(name, uid, stats, scheduler, this::streamsAdapter));
    }

    /** Starts every reader not started yet, each on a connection of its own. On the scheduler's thread. */
    private void startReaders() {
        for (StreamReader reader : readers.values()) {
            if (!reader.started() && !closed) {
                try {
                    reader.start(client.connect(ByteArrayCodec.INSTANCE));
                } catch (RuntimeException unreachable) {
                    LOG.warning(() -> "Redis adapter cannot open a connection to read a stream (" + unreachable.getMessage()
                            + "); next try in 1 s");
                    scheduler.schedule(this::startReaders, 1, TimeUnit.SECONDS);
                    return;
                }
            }
        }
    }

    private RedisStreamsAdapter streamsAdapter(String namespace) {
        return adapters.get(namespace) instanceof RedisStreamsAdapter adapter ? adapter : null;
    }

    private void connect(Duration retryIn) {
        if (closed) {
            return;
        }
        try {
            StatefulRedisPubSubConnection<byte[], byte[]> sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
            StatefulRedisConnection<byte[], byte[]> pub = client.connect(ByteArrayCodec.INSTANCE);
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    route(channel, message);
                }

                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    route(channel, message);
                }
            });
            publisher = pub;
            // published before walking the namespaces: one created meanwhile subscribes itself (twice is harmless)
            subscriber = sub;
            adapters.values().forEach(adapter -> adapter.subscribe(sub.async()));
            startReaders();
            LOG.info(() -> "Redis adapter connected to " + settings.redisUrlForDisplay() + " as node " + uid
                    + ", key " + settings.redisKey());
        } catch (RuntimeException unreachable) {
            Duration next = retryIn.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryIn.multipliedBy(2);
            LOG.warning(() -> "Redis adapter cannot reach " + settings.redisUrlForDisplay() + " (" + unreachable.getMessage()
                    + "); serving this node's clients alone, next try in " + retryIn.toMillis() + " ms");
            if (!closed) {
                scheduler.schedule(() -> connect(next), retryIn.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (LinkageError broken) {
            // a class missing from the deployment: no retry mends that, and an executor would swallow it silently
            LOG.log(Level.SEVERE, "Redis adapter cannot start: the deployment lacks a class it needs", broken);
        }
    }

    /** A message on a channel this node subscribed to: to its namespace's adapter. On Lettuce's thread. */
    private void route(byte[] channelBytes, byte[] message) {
        String channel = new String(channelBytes, StandardCharsets.UTF_8);
        stats.received.increment();
        try {
            for (RedisNamespace adapter : adapters.values()) {
                if (adapter.owns(channel)) {
                    adapter.onMessage(channel, message);
                    return;
                }
            }
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Redis adapter failed on a message on " + channel, bug);
        }
    }

    void publish(String channel, byte[] message) {
        command(commands -> commands.publish(bytes(channel), message)).whenComplete((receivers, failure) -> {
            if (failure != null) {
                stats.publishFailures.increment();
                LOG.fine(() -> "Redis publish on " + channel + " failed: " + failure);
            } else {
                stats.published.increment();
            }
        });
    }

    /**
     * Sends a command from this node's own thread, never from the caller's: Lettuce's Netty leaves thread-locals on
     * a thread that writes to it, and a container's request thread outlives the deployment (at undeploy the
     * container reports them as a leak). Fails when Redis is not reached or the node is closed. The stage
     * completes on Lettuce's thread.
     */
    <T> CompletionStage<T> command(Function<RedisAsyncCommands<byte[], byte[]>, CompletionStage<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                Optional<RedisAsyncCommands<byte[], byte[]>> commands = commands();
                if (commands.isEmpty()) {
                    result.completeExceptionally(new IllegalStateException("Redis is not reached"));
                    return;
                }
                try {
                    command.apply(commands.get()).whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException closing) {
            result.completeExceptionally(closing);
        }
        return result;
    }

    /** Subscribers of a namespace's channel every node subscribes once: the nodes serving it, this one included. */
    CompletionStage<Integer> serverCount(String namespaceChannel) {
        byte[] channel = bytes(namespaceChannel);
        return command(commands -> commands.pubsubNumsub(channel))
                .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).findFirst().orElse(1))
                .exceptionally(failure -> 1);
    }

    /** The commands of the publishing connection, or empty while Redis is not reached; see {@link #command}. */
    private Optional<RedisAsyncCommands<byte[], byte[]>> commands() {
        StatefulRedisConnection<byte[], byte[]> connection = publisher;
        return connection == null || !connection.isOpen() ? Optional.empty() : Optional.of(connection.async());
    }

    RecoverySettings recovery() {
        return recovery;
    }

    public boolean connected() {
        StatefulRedisConnection<byte[], byte[]> pub = publisher;
        StatefulRedisPubSubConnection<byte[], byte[]> sub = subscriber;
        return pub != null && sub != null && pub.isOpen() && sub.isOpen();
    }

    public ClusterStats stats() {
        return stats;
    }

    String uid() {
        return uid;
    }

    ClusterSettings settings() {
        return settings;
    }

    MessagePack messagePack() {
        return messagePack;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    private <T> T onOwnThread(java.util.concurrent.Callable<T> task) {
        try {
            return scheduler.submit(task).get();
        } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Redis client", interrupted);
        }
    }

    /**
     * Ends everything this node started, each step whatever the one before did, on a thread of its own (Netty leaves
     * thread-locals on the threads that touch it; the undeploying one is the container's): an undeploy must leave no
     * thread.
     */
    public void close() {
        Thread closing = new Thread(this::closeNow, "switchboard-redis-close");
        closing.start();
        try {
            closing.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeNow() {
        closed = true;
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> adapters.values().forEach(RedisNamespace::abandonRequests));
        // a loop, not a method reference: with no readers it never names StreamReader, a class a node that never
        // used the streams adapter has not loaded, and that the application's class loader no longer serves once the
        // JVM is shutting down (every node printed a NoClassDefFoundError on SIGTERM)
        steps.add(() -> {
            for (StreamReader reader : readers.values()) {
                reader.stop();
            }
        });
        steps.add(scheduler::shutdownNow);
        StatefulRedisPubSubConnection<byte[], byte[]> sub = subscriber;
        StatefulRedisConnection<byte[], byte[]> pub = publisher;
        if (sub != null) {
            steps.add(sub::close);
        }
        if (pub != null) {
            steps.add(pub::close);
        }
        steps.add(() -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | LinkageError failure) {
                LOG.log(Level.WARNING, "Redis adapter: a step of closing failed; the others still run", failure);
            }
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
