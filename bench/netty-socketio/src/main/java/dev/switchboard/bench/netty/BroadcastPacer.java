package dev.switchboard.bench.netty;

import com.corundumstudio.socketio.BroadcastOperations;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs broadcasts on a thread of their own, as Switchboard's bench handlers do, so a long burst holds no event
 * loop. A paced broadcast is scheduled by absolute time (event k is due at start + k/rate): a late turn catches
 * up instead of shifting every later event.
 */
final class BroadcastPacer {
    private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "bench-pacer");
        thread.setDaemon(true);
        return thread;
    });

    void start(BroadcastOperations room, BroadcastRequest request, Runnable done) {
        timer.execute(new Run(room, request, done)::turn);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** One broadcast in progress; only touched on the pacer thread. */
    private final class Run {
        private final long startNanos = System.nanoTime();
        private final BroadcastOperations room;
        private final BroadcastRequest request;
        private final Runnable done;
        private final String data;
        private int seq;

        Run(BroadcastOperations room, BroadcastRequest request, Runnable done) {
            this.room = room;
            this.request = request;
            this.done = done;
            data = "x".repeat(request.size());
        }

        void turn() {
            try {
                long now = System.nanoTime();
                while (seq < request.count() && (request.rate() <= 0 || dueNanos(seq) <= now)) {
                    room.sendEvent("bcast", Map.of("seq", seq, "ts", epochMillis(), "data", data));
                    seq++;
                }
                if (seq < request.count()) {
                    timer.schedule(this::turn, Math.max(0, dueNanos(seq) - System.nanoTime()), TimeUnit.NANOSECONDS);
                } else {
                    done.run();
                }
            } catch (RuntimeException bug) {
                // the executor would swallow it: say why the broadcast's ack will never come
                System.err.println("Benchmark broadcast failed at seq " + seq);
                bug.printStackTrace();
            }
        }

        private long dueNanos(int k) {
            return startNanos + (long) (k * 1e9 / request.rate());
        }
    }

    /** Wall-clock epoch milliseconds with a fraction, as the other servers stamp their events. */
    private static double epochMillis() {
        Instant wall = Instant.now();
        return (wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000) / 1000.0;
    }
}
