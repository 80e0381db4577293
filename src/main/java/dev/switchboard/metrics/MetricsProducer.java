package dev.switchboard.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One set of counters per deployment. Produced as {@link Singleton}s, which CDI injects without a client proxy:
 * the engine calls them for every packet, and a proxy would put a context lookup before every add.
 */
@ApplicationScoped
public class MetricsProducer {
    private final EngineMetrics engine = new EngineMetrics();
    private final SocketIoMetrics socketIo = new SocketIoMetrics();

    @Produces
    @Singleton
    EngineMetrics engineMetrics() {
        return engine;
    }

    @Produces
    @Singleton
    SocketIoMetrics socketIoMetrics() {
        return socketIo;
    }
}
