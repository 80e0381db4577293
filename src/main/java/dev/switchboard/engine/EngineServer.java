package dev.switchboard.engine;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The Engine.IO server: verifies requests, opens sessions, keeps the sid registry, and owns the threads every
 * session runs on. Transports call it; it never calls a transport except through {@link Transport}.
 */
@ApplicationScoped
public class EngineServer implements SessionRegistry {
    private static final Logger LOG = Logger.getLogger(EngineServer.class.getName());
    private static final long SHUTDOWN_GRACE_MILLIS = 3000;

    @Inject
    SwitchboardConfig config;

    @Inject
    Instance<EngineApplication> applications;

    @Resource
    ManagedThreadFactory managedThreadFactory;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private SessionSettings settings;
    private OriginPolicy originPolicy;
    private EngineApplication application;
    private ThreadPoolExecutor workers;
    private EngineScheduler scheduler;
    private volatile boolean accepting;

    @PostConstruct
    void start() {
        settings = new SessionSettings(config.pingInterval(), config.pingTimeout(), config.maxPayload(), config.upgradeTimeout());
        originPolicy = new OriginPolicy(config.allowedOrigins());
        application = applications.isResolvable() ? applications.get() : null;
        workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("switchboard-worker-"));
        workers.allowCoreThreadTimeOut(true);
        scheduler = new EngineScheduler(named("switchboard-timer-"));
        accepting = true;
        LOG.info(() -> "Engine.IO server started: pingInterval=" + settings.pingInterval() + "ms pingTimeout="
                + settings.pingTimeout() + "ms maxPayload=" + settings.maxPayload() + " upgradeTimeout="
                + settings.upgradeTimeout() + "ms origins=" + (config.allowedOrigins().isEmpty() ? "same-origin" : config.allowedOrigins())
                + " workers=" + config.workerThreads());
    }

    /**
     * Checks a request against the Engine.IO rules, in the reference server's order.
     *
     * @return the error to answer with, or empty when the request may proceed
     */
    public Optional<EngineError> verify(ClientRequest request) {
        String transport = request.transport();
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return Optional.of(EngineError.UNKNOWN_TRANSPORT);
        }
        String sid = request.sid();
        if (sid != null) {
            return sessions.containsKey(sid) ? Optional.empty() : Optional.of(EngineError.UNKNOWN_SID);
        }
        if (!"GET".equals(request.method())) {
            return Optional.of(EngineError.BAD_HANDSHAKE_METHOD);
        }
        if (!"4".equals(request.queryParameter("EIO"))) {
            return Optional.of(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        if (!originAllowed(request) || !accepting) {
            return Optional.of(EngineError.FORBIDDEN);
        }
        return Optional.empty();
    }

    /** Whether the request's Origin may talk to this server (WebSocket handshake and CORS). */
    public boolean originAllowed(ClientRequest request) {
        return originAllowed(request.header("origin"), request.header("host"), request.header("x-forwarded-host"));
    }

    /** @see OriginPolicy#allows */
    public boolean originAllowed(String origin, String host, String forwardedHost) {
        return originPolicy.allows(origin, host, forwardedHost);
    }

    public boolean allowsAnyOrigin() {
        return originPolicy.allowsAnyOrigin();
    }

    /** Opens a session on a verified handshake. The open packet goes out on {@code transport} first. */
    public EngineSession open(ClientRequest request, Transport transport) {
        EngineSession session;
        String sid;
        do {
            sid = newSid();
        } while (sessions.containsKey(sid));
        session = new EngineSession(sid, request, transport, settings, workers, scheduler, this);
        sessions.put(sid, session);
        session.open(application);
        return session;
    }

    /** The open session with this id, if any. */
    public Optional<EngineSession> find(String sid) {
        return sid == null ? Optional.empty() : Optional.ofNullable(sessions.get(sid));
    }

    public Collection<EngineSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public SessionSettings settings() {
        return settings;
    }

    public EngineScheduler scheduler() {
        return scheduler;
    }

    /** Runs work that must not run on the calling container thread, on the engine's workers. Any thread. */
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public void remove(EngineSession session) {
        sessions.remove(session.sid(), session);
    }

    /** Undeploy or server stop: every client gets a close packet, waiting polls complete, threads end. */
    @PreDestroy
    void stop() {
        accepting = false;
        int open = sessions.size();
        sessions.values().forEach(session -> session.close(CloseReason.SERVER_SHUTDOWN));
        long deadline = System.currentTimeMillis() + SHUTDOWN_GRACE_MILLIS;
        while (!sessions.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10); // waiting for session executors to deliver their close packets
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        scheduler.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info(() -> "Engine.IO server stopped; closed " + open + " session(s), " + sessions.size() + " left unconfirmed");
        sessions.clear();
    }

    private String newSid() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = managedThreadFactory.newThread(task);
            thread.setName(prefix + counter.incrementAndGet());
            return thread;
        };
    }
}
