package dev.switchboard.adapter;

import dev.switchboard.adapter.cluster.ClusterStats;
import dev.switchboard.adapter.redis.RedisNode;
import dev.switchboard.config.AdapterKind;
import dev.switchboard.config.SwitchboardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The adapter kind this deployment runs, from the {@code adapter} setting: rooms in memory, or a node of a Redis
 * cluster. Owns the cluster connection for the deployment's life: made at start, closed at undeploy.
 */
@ApplicationScoped
public class Adapters implements AdapterFactory {
    @Inject
    SwitchboardConfig config;

    // set once at start, before any namespace asks for an adapter
    private RedisNode redis;

    @PostConstruct
    void start() {
        if (config.cluster().adapter() == AdapterKind.REDIS) {
            redis = new RedisNode(config.cluster());
        }
    }

    @PreDestroy
    void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    public Adapter create(String namespace, NamespaceLink link) {
        return redis != null ? redis.create(namespace, link) : MEMORY.create(namespace, link);
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
