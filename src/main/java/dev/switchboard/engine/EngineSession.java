package dev.switchboard.engine;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Engine.IO v4 session: handshake, heartbeat, upgrade and close, whatever the transport.
 * <p>
 * Threads: every field marked so below is only touched on this session's {@link SerialExecutor}. Container
 * threads and timers reach the session by handing it a task ({@link TransportListener} calls, {@link #send},
 * {@link #close}); nothing here blocks, and nothing here knows which transport is in use.
 */
public final class EngineSession implements TransportListener {
    private static final Logger LOG = Logger.getLogger(EngineSession.class.getName());
    /** Looked up once: {@code Json.createObjectBuilder()} looks it up on every call, a ServiceLoader scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private enum State { OPENING, OPEN, CLOSING, CLOSED }

    private final String sid;
    private final ClientRequest request;
    private final SessionSettings settings;
    private final SerialExecutor executor;
    private final EngineScheduler scheduler;
    private final SessionRegistry registry;
    private final EngineObserver observer;
    private final String initialTransport;

    /** Written on the executor; read from request threads to route a poll to the transport in use. */
    private volatile Transport transport;
    /**
     * Set on whichever thread learns it, before the session's executor does: the client closed, or the transport
     * is gone. The reference server forgets such a session at once; {@link EngineServer#verify} reads this so
     * that a request naming it gets "Session ID unknown" too, not what a session still closing would answer.
     */
    private volatile boolean ending;

    // Only touched on the session's executor.
    private State state = State.OPENING;
    private Transport probe;
    private boolean probed;
    /** A waiting GET was released for the current probe; later GETs wait as usual (no busy loop). */
    private boolean pollReleased;
    private final List<Packet> writeBuffer = new ArrayList<>();
    /**
     * The length of what {@link #writeBuffer} holds, counted with the transport's against maxBufferedBytes. Written
     * only on the session's executor; volatile so that metrics may read it from their own thread.
     */
    private volatile long writeBufferBytes;
    /** A task that writes the buffer is queued behind the tasks already submitted. */
    private boolean flushQueued;
    /** That task, made once: it is queued for nearly every packet sent. */
    private final Runnable flushQueuedWrites = this::flushQueuedWrites;
    private HeartbeatTimer pingTimer;
    /** Set while a ping waits for its pong: only then does a pong count. */
    private HeartbeatTimer pingTimeoutTimer;
    /** The heartbeat's two tasks, made once: each is scheduled every pingInterval for the session's life. */
    private final Runnable ping = this::ping;
    private final Runnable pingTimedOut = this::closeForMissingPong;
    private Future<?> upgradeTimer;
    private Future<?> closeTimer;
    private CloseReason closingReason;
    private SessionListener listener;
    private final TokenBucket packetRate;

    EngineSession(String sid, ClientRequest request, Transport transport, SessionSettings settings,
                  Executor workers, EngineScheduler scheduler, SessionRegistry registry) {
        this.sid = sid;
        this.request = request;
        this.transport = transport;
        this.initialTransport = transport.name();
        this.settings = settings;
        this.executor = new SerialExecutor(workers, sid);
        this.scheduler = scheduler;
        this.registry = registry;
        this.observer = registry.observer();
        this.packetRate = new TokenBucket(settings.maxPacketRate(), settings.packetBurst(), System.nanoTime());
        transport.bind(this);
    }

    public String sid() {
        return sid;
    }

    /** Bytes waiting to be written to this client: in the session (for a poll) and in its transport. Any thread. */
    public long bufferedBytes() {
        return writeBufferBytes + transport.bufferedBytes();
    }

    /** Whether the session is sure to close: the client sent close, or its transport is gone. Any thread. */
    public boolean ending() {
        return ending;
    }

    /** The request that opened the session (headers, query, remote address). */
    public ClientRequest request() {
        return request;
    }

    /** The transport packets currently travel on. */
    public Transport transport() {
        return transport;
    }

    /** Runs a task on this session's executor, after everything already submitted. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Runs a task on this session's executor after a delay; cancel the future to stop it. */
    public Future<?> schedule(Runnable task, long delayMillis) {
        return scheduler.schedule(task, delayMillis, executor);
    }

    /** Queues a packet for the client. Any thread. Dropped once the session is closing. */
    public void send(Packet packet) {
        send(List.of(packet));
    }

    /** Queues packets that must travel together and in order (a binary event and its attachments). */
    public void send(List<Packet> packets) {
        executor.execute(() -> enqueue(packets));
    }

    /**
     * Queues packets only if the transport can take them now, else drops them (Node's volatile): a polling client
     * with no GET waiting, or a WebSocket with bytes still on their way, does not get them. Any thread.
     */
    public void sendVolatile(List<Packet> packets) {
        executor.execute(() -> {
            if (state == State.OPEN && transport.isWritable() && transport.bufferedBytes() == 0) {
                enqueue(packets);
            } else {
                observer.volatileDropped();
                LOG.fine(() -> "Session " + sid + " dropped a volatile packet: its transport cannot take it now");
            }
        });
    }

    /** Closes the session from the server side: the client gets a close packet. Any thread. */
    public void close(CloseReason reason) {
        executor.execute(() -> closeGracefully(reason));
    }

    /** Starts the session: sends the open packet, starts the heartbeat, tells the application. */
    void open(EngineApplication application) {
        executor.execute(() -> {
            enqueue(List.of(Packet.text(PacketType.OPEN, handshakeJson())));
            state = State.OPEN;
            schedulePing();
            LOG.info(() -> "Session " + sid + " opened over " + initialTransport + " from " + describeClient());
            if (application != null) {
                try {
                    listener = application.onOpen(this);
                } catch (RuntimeException bug) {
                    LOG.log(Level.SEVERE, "Application failed to accept session " + sid, bug);
                    closeGracefully(CloseReason.FORCED_CLOSE);
                }
            }
        });
    }

    /** A transport asks to replace the current one (WebSocket with this sid). */
    public void offerUpgrade(Transport candidate) {
        // Bound before anything else: the client probes as soon as the socket is open, and the candidate reports
        // that packet through its listener. Until the task below accepts it as the probe, handlePacket and
        // onClosed ignore whatever it reports.
        candidate.bind(this);
        executor.execute(() -> {
            EngineError refusal = null;
            if (state != State.OPEN) {
                refusal = EngineError.UNKNOWN_SID;
            } else if (probe != null || !transport.upgrades().contains(candidate.name())) {
                refusal = EngineError.BAD_REQUEST; // already upgrading, or already upgraded
            }
            if (refusal != null) {
                LOG.fine(() -> "Session " + sid + " refused an upgrade to " + candidate.name());
                candidate.refuse(refusal);
                return;
            }
            probe = candidate;
            probed = false;
            pollReleased = false;
            upgradeTimer = schedule(() -> abandonUpgrade("upgrade timeout"), settings.upgradeTimeout());
        });
    }

    /**
     * Runs on the reading container thread when the session is idle (see {@link SerialExecutor#executeHere}), unless
     * the setting handleOnReadThread is off: then always on a worker.
     */
    @Override
    public void onPacket(Transport source, Packet packet) {
        if (packet.type() == PacketType.CLOSE && source == transport) {
            ending = true;
        }
        onReadingThread(() -> handlePacket(source, packet));
    }

    /**
     * A GET arrived. Like {@link #onPacket}, on the GET's container thread when the session is idle: mostly nothing
     * waits to be sent (the client polls again as soon as it has its answer), and handing that check to a worker
     * cost a thread wake-up per poll. Packets that do wait are still answered off this thread (PollingTransport).
     */
    @Override
    public void onWritable(Transport source) {
        onReadingThread(() -> {
            if (source != transport) {
                return;
            }
            if (state == State.CLOSING) {
                flush();
                finish(closingReason, "close packet delivered");
            } else {
                flush();
                releasePollDuringUpgrade();
            }
        });
    }

    /** What a container thread brings: run there when the session is idle, unless handleOnReadThread is off. */
    private void onReadingThread(Runnable task) {
        if (settings.handleOnReadThread()) {
            executor.executeHere(task);
        } else {
            executor.execute(task);
        }
    }

    @Override
    public void onClosed(Transport source, CloseReason reason, String detail) {
        if (source == transport) {
            ending = true; // (an upgrade completing meanwhile leaves a session whose old sid requests fail anyway)
        }
        executor.execute(() -> {
            if (source == transport) {
                finish(reason, detail);
            } else if (source == probe) {
                abandonUpgrade("upgrade transport closed: " + detail);
            }
        });
    }

    private void handlePacket(Transport source, Packet packet) {
        if (state == State.CLOSED) {
            return;
        }
        if (source == probe) {
            handleProbePacket(packet);
            return;
        }
        if (source != transport) {
            LOG.fine(() -> "Session " + sid + " ignored " + packet + " from a transport it left");
            return;
        }
        LOG.fine(() -> "Session " + sid + " received " + packet);
        if (!packetRate.tryTake(System.nanoTime())) {
            observer.limitReached(Limit.PACKET_RATE);
            LOG.fine(() -> "Session " + sid + " sent more than " + settings.maxPacketRate() + " packets/s");
            closeGracefully(CloseReason.RATE_LIMITED);
            return;
        }
        switch (packet.type()) {
            case PONG -> {
                // EIO4: the server pings, the client pongs; a pong re-arms the next ping. Only the answer to a ping
                // counts: a client that sends pongs of its own accord without reading must still time out.
                if (pingTimeoutTimer == null) {
                    LOG.fine(() -> "Session " + sid + " ignored a pong with no ping outstanding");
                    return;
                }
                cancel(pingTimeoutTimer);
                pingTimeoutTimer = null;
                if (state == State.OPEN) {
                    schedulePing();
                }
            }
            case MESSAGE -> {
                if (state == State.OPEN && listener != null) {
                    listener.onMessage(packet);
                }
            }
            case CLOSE -> {
                transport.closedByClient();
                finish(CloseReason.TRANSPORT_CLOSE, "client sent close");
            }
            default -> LOG.fine(() -> "Session " + sid + " ignored unexpected " + packet.type());
        }
    }

    private void handleProbePacket(Packet packet) {
        if (packet.type() == PacketType.PING && "probe".equals(packet.data())) {
            probed = true;
            probe.send(List.of(Packet.PONG_PROBE));
            releasePollDuringUpgrade();
        } else if (packet.type() == PacketType.UPGRADE && probed) {
            completeUpgrade();
        } else {
            abandonUpgrade("unexpected " + packet.type() + " during upgrade");
        }
    }

    /**
     * After a successful probe the client pauses polling; its waiting GET is answered with a noop so it can.
     * Once per probe: a client that polls on regardless waits like any poll, rather than spinning on noops.
     */
    private void releasePollDuringUpgrade() {
        if (probe != null && probed && !pollReleased && writeBuffer.isEmpty() && transport.isWritable()) {
            pollReleased = transport.send(List.of(Packet.NOOP)) > 0;
        }
    }

    private void completeUpgrade() {
        cancel(upgradeTimer);
        Transport previous = transport;
        transport = probe;
        probe = null;
        probed = false;
        previous.discard();
        observer.upgraded(previous.name(), transport.name());
        LOG.fine(() -> "Session " + sid + " upgraded from " + previous.name() + " to " + transport.name());
        if (listener != null) {
            listener.onUpgrade(transport.name());
        }
        flush();
    }

    private void abandonUpgrade(String why) {
        cancel(upgradeTimer);
        if (probe != null) {
            LOG.fine(() -> "Session " + sid + " abandoned upgrade to " + probe.name() + ": " + why);
            probe.close();
            probe = null;
            probed = false;
        }
    }

    /**
     * Buffers the packets and writes them: at once when no task of the session waits behind this one (a broadcast's
     * delivery at a rate, a lone ack, a ping: one task, not two), else once the tasks already queued have run, so a
     * burst of emits (a broadcast, acks) leaves in one transport write, one system call, instead of one each.
     */
    private void enqueue(List<Packet> packets) {
        if (!buffer(packets) || flushQueued) {
            return;
        }
        if (executor.hasWaitingTasks()) {
            flushQueued = true;
            executor.execute(flushQueuedWrites);
        } else {
            flush();
        }
    }

    /** Adds the packets to the write buffer; false when they were dropped (closing, or the client cut off). */
    private boolean buffer(List<Packet> packets) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return false;
        }
        writeBuffer.addAll(packets);
        for (Packet packet : packets) {
            writeBufferBytes += packet.length();
        }
        long buffered = writeBufferBytes + transport.bufferedBytes();
        if (buffered > settings.maxBufferedBytes()) {
            dropSlowClient(buffered);
            return false;
        }
        return true;
    }

    private void flushQueuedWrites() {
        flushQueued = false;
        flush();
    }

    private void flush() {
        if (!writeBuffer.isEmpty() && transport.isWritable()) {
            int taken = transport.send(List.copyOf(writeBuffer));
            List<Packet> sent = writeBuffer.subList(0, taken);
            for (Packet packet : sent) {
                writeBufferBytes -= packet.length();
            }
            sent.clear();
        }
    }

    /**
     * More than maxBufferedBytes wait for a client that does not read fast enough: it is cut off, what waits for it
     * is dropped, and the connection ends within a bound even if it never reads again. Nothing is dropped from a
     * connection that stays open.
     */
    private void dropSlowClient(long buffered) {
        observer.limitReached(Limit.BUFFERED_BYTES);
        LOG.fine(() -> "Session " + sid + " has " + buffered + " bytes waiting to be written, more than "
                + settings.maxBufferedBytes());
        clearWriteBuffer();
        abandonUpgrade("session closing");
        transport.abort(CloseReason.BUFFER_FULL);
        finish(CloseReason.BUFFER_FULL, "more than " + settings.maxBufferedBytes() + " bytes waiting to be written");
    }

    private void clearWriteBuffer() {
        writeBuffer.clear();
        writeBufferBytes = 0;
    }

    private void schedulePing() {
        cancel(pingTimer);
        pingTimer = scheduler.heartbeat(ping, settings.pingInterval(), executor);
    }

    private void ping() {
        if (state != State.OPEN) {
            return;
        }
        enqueue(List.of(Packet.PING));
        if (state != State.OPEN) {
            return; // the ping was one packet too many for a client that does not read
        }
        cancel(pingTimeoutTimer);
        pingTimeoutTimer = scheduler.heartbeat(pingTimedOut, settings.pingTimeout(), executor);
    }

    private void closeForMissingPong() {
        finish(CloseReason.PING_TIMEOUT, "no pong within " + settings.pingTimeout() + " ms");
    }

    private void closeGracefully(CloseReason reason) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        abandonUpgrade("session closing");
        cancel(pingTimer);
        cancel(pingTimeoutTimer);
        writeBuffer.add(Packet.CLOSE);
        writeBufferBytes += Packet.CLOSE.length();
        if (transport.isWritable()) {
            flush();
            finish(reason, "closed by server");
        } else if (reason == CloseReason.SERVER_SHUTDOWN) {
            finish(reason, "closed by server");
        } else {
            // a polling client collects the close packet with its next GET
            state = State.CLOSING;
            closingReason = reason;
            closeTimer = schedule(() -> finish(reason, "close packet not collected"), settings.pingTimeout());
        }
    }

    /** Releases everything the session holds. Idempotent; the application hears of it exactly once. */
    private void finish(CloseReason reason, String detail) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancel(pingTimer);
        cancel(pingTimeoutTimer);
        cancel(upgradeTimer);
        cancel(closeTimer);
        if (probe != null) {
            probe.close();
            probe = null;
        }
        transport.close(reason);
        clearWriteBuffer();
        registry.remove(this);
        transport.whenGone(() -> registry.release(this));
        observer.sessionClosed(transport.name(), reason);
        LOG.info(() -> "Session " + sid + " closed over " + transport.name() + ": " + reason.wireName() + " (" + detail + ")");
        if (listener != null) {
            try {
                listener.onClose(reason);
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "Application failed while closing session " + sid, bug);
            }
            listener = null;
        }
    }

    private String handshakeJson() {
        JsonArrayBuilder upgrades = JSON.createArrayBuilder();
        transport.upgrades().forEach(upgrades::add);
        return JSON.createObjectBuilder()
                .add("sid", sid)
                .add("upgrades", upgrades)
                .add("pingInterval", settings.pingInterval())
                .add("pingTimeout", settings.pingTimeout())
                .add("maxPayload", settings.maxPayload())
                .build().toString();
    }

    private String describeClient() {
        return request.remoteAddress() == null ? "unknown address" : request.remoteAddress();
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static void cancel(HeartbeatTimer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
