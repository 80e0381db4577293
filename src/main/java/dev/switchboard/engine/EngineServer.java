package dev.switchboard.engine;

import dev.switchboard.config.SwitchboardConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
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
import java.util.concurrent.atomic.AtomicBoolean;
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

    @Inject
    Instance<EngineObserver> observers;

    @Resource
    ManagedThreadFactory managedThreadFactory;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Notified whenever a session leaves the registry, so shutdown can wait for the last one. */
    private final Object sessionRemoved = new Object();
    private SessionSettings settings;
    private OriginPolicy originPolicy;
    private TrustedProxies trustedProxies;
    private EngineApplication application;
    private ThreadPoolExecutor workers;
    private EngineScheduler scheduler;
    // set once in start(); read by request threads and session executors afterwards
    private EngineObserver observer = EngineObserver.NONE;
    /** Open sessions; a place is taken in {@link #open} and given back in {@link #release}, once the connection is gone. */
    private Capacity connections;
    /** Waiting long-polling GETs; the polling transports take and give back places. */
    private Capacity polls;
    private volatile boolean accepting;
    /** Set by the first drain(): the undeploy servlet's destroy, or stop() on containers without it. */
    private final AtomicBoolean drained = new AtomicBoolean();

    @PostConstruct
    void start() {
        settings = new SessionSettings(config.pingInterval(), config.pingTimeout(), config.maxPayload(), config.upgradeTimeout(),
                config.maxPacketRate(), config.packetBurst(), config.maxBufferedBytes(), config.handleOnReadThread());
        originPolicy = new OriginPolicy(config.allowedOrigins());
        trustedProxies = new TrustedProxies(config.trustedProxies());
        application = applications.isResolvable() ? applications.get() : null;
        observer = observers.isResolvable() ? observers.get() : EngineObserver.NONE;
        connections = new Capacity(config.maxConnections());
        polls = new Capacity(config.maxPollsInFlight());
        workers = new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("switchboard-worker-"));
        workers.allowCoreThreadTimeOut(true);
        scheduler = new EngineScheduler(named("switchboard-timer-"), workers);
        accepting = true;
        LOG.info(() -> "Engine.IO server started: pingInterval=" + settings.pingInterval() + "ms pingTimeout="
                + settings.pingTimeout() + "ms maxPayload=" + settings.maxPayload() + " upgradeTimeout="
                + settings.upgradeTimeout() + "ms origins=" + (config.allowedOrigins().isEmpty() ? "same-origin" : config.allowedOrigins())
                + " workers=" + config.workerThreads() + " maxConnections=" + config.maxConnections()
                + " maxPollsInFlight=" + config.maxPollsInFlight() + " maxPacketRate=" + config.maxPacketRate()
                + "/s burst " + config.packetBurst() + " maxBufferedBytes=" + config.maxBufferedBytes() + " websocket=" + config.webSocket().value()
                + " handleOnReadThread=" + config.handleOnReadThread());
    }

    /** Starts with the application, not with the first client: settings are checked and readiness is true at deploy. */
    void startEagerly(@Observes Startup startup) {
        LOG.fine("Engine.IO server ready");
    }

    /**
     * Checks a request against the Engine.IO rules, in the reference server's order.
     *
     * @return the error to answer with, or empty when the request may proceed
     */
    public Optional<EngineError> verify(ClientRequest request) {
        String transport = request.transport();
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return request.sid() == null ? refuseHandshake(EngineError.UNKNOWN_TRANSPORT) : Optional.of(EngineError.UNKNOWN_TRANSPORT);
        }
        String sid = request.sid();
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            return session != null && !session.ending() ? Optional.empty() : Optional.of(EngineError.UNKNOWN_SID);
        }
        if (!"GET".equals(request.method())) {
            return refuseHandshake(EngineError.BAD_HANDSHAKE_METHOD);
        }
        if (!"4".equals(request.queryParameter("EIO"))) {
            return refuseHandshake(EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        if (!originAllowed(request)) {
            observer.originRefused(transport);
            return refuseHandshake(EngineError.FORBIDDEN);
        }
        if (!accepting) {
            return refuseHandshake(EngineError.FORBIDDEN);
        }
        if (connections.isFull()) {
            observer.limitReached(Limit.CONNECTIONS);
            return refuseHandshake(EngineError.TOO_MANY_CONNECTIONS);
        }
        if ("polling".equals(transport) && polls.isFull()) {
            observer.limitReached(Limit.POLLS_IN_FLIGHT);
            return refuseHandshake(EngineError.TOO_MANY_POLLS);
        }
        return Optional.empty();
    }

    private Optional<EngineError> refuseHandshake(EngineError error) {
        observer.handshakeRefused(error);
        return Optional.of(error);
    }

    /**
     * Checks a WebSocket upgrade's Origin before the container upgrades, so a cross-site page is answered 403
     * instead of getting a socket that is closed at once. Counts the refusal.
     */
    public boolean admitWebSocketOrigin(ClientRequest request) {
        if (originAllowed(request)) {
            return true;
        }
        observer.originRefused("websocket");
        observer.handshakeRefused(EngineError.FORBIDDEN);
        return false;
    }

    /**
     * Whether the request's Origin may talk to this server (WebSocket handshake and CORS): its scheme and host
     * as the client used them, through the proxies of {@code trustedProxies}. @see OriginPolicy#allows
     */
    public boolean originAllowed(ClientRequest request) {
        ClientRequest client = trustedProxies.resolve(request);
        return originPolicy.allows(client.header("origin"), client.secure(), client.host());
    }

    public boolean allowsAnyOrigin() {
        return originPolicy.allowsAnyOrigin();
    }

    /**
     * Opens a session on a verified handshake. The open packet goes out on {@code transport} first.
     *
     * @return the session, or null when the last place was taken since {@link #verify}: the transport has then
     *         been refused with {@link EngineError#TOO_MANY_CONNECTIONS}
     */
    public EngineSession open(ClientRequest received, Transport transport) {
        ClientRequest request = trustedProxies.resolve(received); // what the handshake shows, what the logs print
        if (!connections.tryTake()) {
            observer.limitReached(Limit.CONNECTIONS);
            observer.handshakeRefused(EngineError.TOO_MANY_CONNECTIONS);
            transport.refuse(EngineError.TOO_MANY_CONNECTIONS);
            return null;
        }
        EngineSession session;
        String sid;
        do {
            sid = newSid();
        } while (sessions.containsKey(sid));
        session = new EngineSession(sid, request, transport, settings, workers, scheduler, this);
        sessions.put(sid, session);
        observer.sessionOpened(transport.name());
        session.open(application);
        if (!accepting) {
            session.close(CloseReason.SERVER_SHUTDOWN); // verified just before drain() began
        }
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

    /** Whether handshakes are accepted: started, and not draining for undeploy. */
    public boolean accepting() {
        return accepting;
    }

    /** Runs work that must not run on the calling container thread, on the engine's workers. Any thread. */
    public void execute(Runnable task) {
        workers.execute(task);
    }

    /** Open sessions and their limit. */
    public Capacity connections() {
        return connections;
    }

    /** Waiting long-polling GETs and their limit; polling transports take their places here. */
    public Capacity polls() {
        return polls;
    }

    /** Where transports report packets and refusals. */
    @Override
    public EngineObserver observer() {
        return observer;
    }

    @Override
    public void remove(EngineSession session) {
        sessions.remove(session.sid(), session);
        synchronized (sessionRemoved) {
            sessionRemoved.notifyAll();
        }
    }

    /** Called once per opened session, when its connection is gone (see {@link Transport#whenGone}). */
    @Override
    public void release(EngineSession session) {
        connections.release();
    }

    /**
     * Undeploy begins: refuse new handshakes, send every client a close packet (a waiting poll is answered with
     * it; a WebSocket gets it and then a close frame), and wait until the sessions are closed or the grace time
     * is over. Called by {@link dev.switchboard.engine.transport.UndeployDrain} while the web application still
     * serves requests, and again, harmlessly, from {@link #stop}. Idempotent.
     */
    public void drain() {
        accepting = false;
        if (!drained.compareAndSet(false, true)) {
            return;
        }
        int open = sessions.size();
        sessions.values().forEach(session -> session.close(CloseReason.SERVER_SHUTDOWN));
        awaitSessionsClosed(SHUTDOWN_GRACE_MILLIS);
        LOG.info(() -> "Engine.IO server draining: sent a close packet to " + open + " session(s), "
                + sessions.size() + " left unconfirmed");
    }

    /** Undeploy or server stop: clients were told (see {@link #drain}); now every thread ends. */
    @PreDestroy
    void stop() {
        drain();
        int open = sessions.size();
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
        LOG.info(() -> "Engine.IO server stopped; " + open + " session(s) were left open");
        sessions.clear();
    }

    /** Waits until every session delivered its close packet and left the registry, or the grace period ends. */
    private void awaitSessionsClosed(long graceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        synchronized (sessionRemoved) {
            long left;
            while (!sessions.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionRemoved, left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
