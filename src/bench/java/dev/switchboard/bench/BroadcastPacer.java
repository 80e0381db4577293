package dev.switchboard.bench;

import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.SocketServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;

import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the benchmark's broadcasts on a thread of its own, so a long burst holds no session executor.
 * A paced broadcast is scheduled by absolute time (event k is due at start + k/rate): a late turn catches
 * up instead of shifting every later event.
 */
@ApplicationScoped
public class BroadcastPacer {
    private static final Logger LOG = Logger.getLogger(BroadcastPacer.class.getName());
    /**
     * Looked up once, as Switchboard's own code does: {@code Json.createObjectBuilder()} looks the provider up on
     * every call, a ServiceLoader scan of the deployment, which cost more per event than the event's delivery.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    SocketServer sockets;

    @Resource
    ManagedThreadFactory threadFactory;

    private ScheduledExecutorService timer;

    @PostConstruct
    void start() {
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = threadFactory.newThread(task);
            thread.setName("switchboard-bench-pacer");
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    void start(String room, int count, double rate, int size, Runnable done) {
        Run run = new Run(sockets.of("/bench").to(room), count, rate, "x".repeat(size), done);
        timer.execute(run::turn);
    }

    /** One broadcast in progress; only touched on the pacer thread. */
    private final class Run {
        private final Broadcast target;
        private final int count;
        private final double rate;
        private final String data;
        private final Runnable done;
        private final long startNanos = System.nanoTime();
        private int seq;

        Run(Broadcast target, int count, double rate, String data, Runnable done) {
            this.target = target;
            this.count = count;
            this.rate = rate;
            this.data = data;
            this.done = done;
        }

        void turn() {
            try {
                long now = System.nanoTime();
                while (seq < count && (rate <= 0 || dueNanos(seq) <= now)) {
                    Instant wall = Instant.now();
                    double ts = (wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000) / 1000.0;
                    target.emit("bcast", JSON.createObjectBuilder().add("seq", seq).add("ts", ts).add("data", data).build());
                    seq++;
                }
                if (seq < count) {
                    timer.schedule(this::turn, Math.max(0, dueNanos(seq) - System.nanoTime()), TimeUnit.NANOSECONDS);
                } else {
                    done.run();
                }
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "Benchmark broadcast failed at seq " + seq, bug);
            }
        }

        private long dueNanos(int k) {
            return startNanos + (long) (k * 1e9 / rate);
        }
    }
}
