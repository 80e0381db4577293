package dev.switchboard.adapter;

import dev.switchboard.adapter.cluster.ClusterStats;
import dev.switchboard.adapter.redis.RedisNode;
import dev.switchboard.config.AdapterKind;
import dev.switchboard.config.SwitchboardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The adapter kind this deployment runs, from the {@code adapter} setting: rooms in memory, or a node of a Redis
 * cluster; with connection state recovery on one node, rooms plus kept sessions and events. Owns the cluster
 * connection, or the recovery sweep's timer thread, for the deployment's life: made at start, closed at undeploy.
 */
@ApplicationScoped
public class Adapters implements AdapterFactory {
    private static final Logger LOG = Logger.getLogger(Adapters.class.getName());
    @Inject
    SwitchboardConfig config;

    // set once at start, before any namespace asks for an adapter
    private RedisNode redis;
    private ScheduledExecutorService sweeper;
    private final List<RecoveringAdapter> recovering = new CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    @PostConstruct
    void start() {
        if (config.cluster().adapter().onRedis()) {
            redis = new RedisNode(config.cluster(), config.recovery());
            if (config.recovery().enabled() && config.cluster().adapter() == AdapterKind.REDIS) {
                LOG.info("connectionStateRecovery with adapter=redis: sessions are kept on each node, so a client "
                        + "recovers when it reconnects to the node it was on; adapter=redis-streams recovers on any node");
            }
        } else if (config.recovery().enabled()) {
            long every = Math.min(60_000, config.recovery().maxDisconnectionDuration());
            sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "switchboard-recovery-sweep");
                thread.setDaemon(true);
                return thread;
            });
            sweeper.scheduleWithFixedDelay(() -> recovering.forEach(RecoveringAdapter::sweep), every, every,
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (redis != null) {
            redis.close();
        }
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    @Override
    public Adapter create(String namespace, NamespaceLink link) {
        if (redis != null) {
            return redis.create(namespace, link);
        }
        if (config.recovery().enabled()) {
            byte[] epoch = new byte[6];
            random.nextBytes(epoch);
            RecoveringAdapter adapter = new RecoveringAdapter(config.recovery(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(epoch), System::currentTimeMillis);
            recovering.add(adapter);
            return adapter;
        }
        return MEMORY.create(namespace, link);
    }

    /** The adapter setting's value: memory or redis. */
    public AdapterKind kind() {
        return config.cluster().adapter();
    }

    /** Whether this node can reach the others: always with memory, while Redis answers with redis. */
    public boolean connected() {
        return redis == null || redis.connected();
    }

    /** Traffic with the other nodes, when there are any. */
    public Optional<ClusterStats> stats() {
        return Optional.ofNullable(redis).map(RedisNode::stats);
    }
}
