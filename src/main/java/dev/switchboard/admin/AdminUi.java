package dev.switchboard.admin;

import dev.switchboard.config.AdminUiSettings;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.handler.BuiltInNamespaces;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.SocketActivity;
import dev.switchboard.handler.SocketServer;
import dev.switchboard.metrics.EngineMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Admin UI when {@code adminUi} is readonly or on: its namespace for the server to serve, and the timer that sends
 * {@code server_stats} to every dashboard every 2 s (through the adapter, so each node's stats reach the dashboards
 * of all, as Node's do). Nothing when off: no namespace, no thread.
 */
@ApplicationScoped
public class AdminUi implements BuiltInNamespaces {
    private static final Logger LOG = Logger.getLogger(AdminUi.class.getName());

    /** The namespace the dashboard connects to by default. */
    public static final String NAMESPACE = "/admin";
    static final long STATS_EVERY_MILLIS = 2000;

    @Inject
    SwitchboardConfig config;

    @Inject
    SocketServer sockets;

    @Inject
    EngineServer engine;

    @Inject
    EngineMetrics metrics;

    // made with the namespace, stopped at undeploy; guarded by this
    private ScheduledExecutorService timer;
    private final Dashboards dashboards = new Dashboards();

    @Override
    public synchronized Map<String, NamespaceHandler> namespaces() {
        AdminUiSettings settings = config.adminUi();
        if (!settings.enabled()) {
            return Map.of();
        }
        AdminNamespace namespace = new AdminNamespace(settings.username(), settings.readonly(), settings.development(),
                new AdminPassword(settings.passwordHash()), new AdminSessions(System::currentTimeMillis),
                new LoginThrottle(System::currentTimeMillis), sockets, dashboards);
        if (timer == null) {
            String host = hostname();
            ServerStats stats = new ServerStats(host + "#" + ProcessHandle.current().pid(), host, engine, metrics, sockets,
                    System::currentTimeMillis);
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "switchboard-admin-ui-stats");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(() -> send(stats), STATS_EVERY_MILLIS, STATS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        }
        LOG.info(() -> "Admin UI " + settings.access().value() + (settings.development() ? " (development mode)" : "")
                + ": namespace " + NAMESPACE + ", user " + settings.username());
        return Map.of(NAMESPACE, namespace);
    }

    private void send(ServerStats stats) {
        try {
            sockets.of(NAMESPACE).emit("server_stats", stats.next());
        } catch (RuntimeException failure) {
            // a failed report must not end the timer: the next one may go through
            LOG.log(Level.WARNING, "Admin UI statistics not sent", failure);
        }
    }

    /** The host's name as the system gives it, without a name lookup (none may leave this machine). */
    private static String hostname() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            try {
                name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (java.io.IOException | RuntimeException unknown) {
                name = "switchboard";
            }
        }
        return name;
    }

    /**
     * What the Socket.IO layer tells of every socket: the development mode's events, or nothing. A plain object,
     * not a client proxy: it is asked on every event of every socket.
     */
    @Produces
    @Singleton
    SocketActivity activity() {
        AdminUiSettings settings = config.adminUi();
        return settings.enabled() && settings.development() ? new DevelopmentEvents(dashboards, sockets) : SocketActivity.NONE;
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
