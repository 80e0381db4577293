package dev.switchboard.socketio;

import dev.switchboard.adapter.Adapter;
import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.adapter.SocketDetails;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.Handshake;
import dev.switchboard.handler.SocketActivity;
import dev.switchboard.handler.SocketClient;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client in one namespace. Packets from the client arrive on the connection's session executor; the
 * public methods may be called from any thread and only touch thread-safe state.
 */
final class Socket implements SocketClient, Adapter.Member {
    private static final Logger LOG = Logger.getLogger(Socket.class.getName());

    private enum State { JOINING, CONNECTED, DISCONNECTED }

    /** Node's RECOVERABLE_DISCONNECT_REASONS: the connection was lost, not ended by either side on purpose. */
    private static final Set<String> RECOVERABLE = Set.of("transport error", "transport close", "forced close",
            "ping timeout", "server shutting down", "forced server close");

    private final String id;
    // the private session id a client recovers this socket with, or null when recovery is off; never logged
    private final String pid;
    private final boolean recovered;
    private final Namespace namespace;
    private final Client client;
    private final Handshake handshake;
    private final SocketAttributes attributes;
    // set while a write of this socket's changed session is queued: changes made meanwhile go with it
    private final AtomicBoolean sessionWriteQueued = new AtomicBoolean();
    private final PendingAcks acks;
    // guarded by this: emits made while joining wait until the client knows it joined
    private State state = State.JOINING;
    private List<List<Packet>> heldWhileJoining = new ArrayList<>();

    /**
     * @param pid        the session id to offer for recovery, or null when the namespace does not recover
     * @param recovered  whether this socket is a dropped one come back
     * @param attributes the attributes it had before, when recovered
     */
    Socket(String id, String pid, boolean recovered, Map<String, Object> attributes, Namespace namespace, Client client,
           Handshake handshake) {
        this.id = id;
        this.pid = pid;
        this.recovered = recovered;
        this.namespace = namespace;
        this.client = client;
        this.handshake = handshake;
        this.attributes = new SocketAttributes(attributes, this::attributesChanged);
        this.acks = new PendingAcks(client::schedule, () -> namespace.observer().ackTimedOut(namespace.observedName()));
    }

    /**
     * The attributes changed (on the thread that changed them): while it may be recovered, its session is written
     * again where the adapter keeps live ones, once for all the changes a handler makes in one go (on the session's
     * executor, after the task that made them).
     */
    private void attributesChanged() {
        if (watched() && connected()) {
            activity().updated(this);
        }
        if (pid != null && sessionWriteQueued.compareAndSet(false, true)) {
            client.execute(() -> {
                sessionWriteQueued.set(false);
                if (connected()) {
                    namespace.adapter().sessionChanged(this);
                }
            });
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String namespace() {
        return namespace.name();
    }

    @Override
    public String clientId() {
        return client.publicId();
    }

    private SocketActivity activity() {
        return namespace.runtime().activity();
    }

    /** Whether the server's watcher wants this socket's activity: never a namespace of the server's own. */
    private boolean watched() {
        return namespace.handler().counted() && activity().watching();
    }

    /** The namespace it belongs to (one made from a pattern may be gone from the server once it is empty). */
    Namespace home() {
        return namespace;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public String transport() {
        return client.transportName();
    }

    @Override
    public synchronized boolean connected() {
        return state == State.CONNECTED;
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public <T> T attribute(String name, Class<T> type) {
        Object value = attributes.get(name);
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        Jsonb jsonb = namespace.runtime().jsonb();
        try {
            return jsonb.fromJson(jsonb.toJson(value), type);
        } catch (JsonbException mismatch) {
            throw new IllegalArgumentException("attribute '" + name + "' is not a " + type.getSimpleName(), mismatch);
        }
    }

    @Override
    public void join(String... rooms) {
        // after the socket ended (from an executor the application handed it to), or racing its end, the adapter
        // ignores the add: Adapter.removeAll is final
        namespace.adapter().add(this, Set.of(rooms));
        // while joining, the rooms go with the connect (see joined)
        if (watched() && state() == State.CONNECTED) {
            activity().joined(this, Set.of(rooms));
        }
    }

    private synchronized State state() {
        return state;
    }

    /** Its connection moved to another transport. Session executor. */
    void upgraded() {
        if (watched() && state() == State.CONNECTED) {
            activity().upgraded(this);
        }
    }

    @Override
    public void moved(Set<String> joined, Set<String> left) {
        if (watched() && state() == State.CONNECTED) {
            if (!joined.isEmpty()) {
                activity().joined(this, joined);
            }
            if (!left.isEmpty()) {
                activity().left(this, left);
            }
        }
    }

    @Override
    public void leave(String... rooms) {
        for (String room : rooms) {
            namespace.adapter().remove(id, room);
        }
        if (watched() && state() == State.CONNECTED) {
            activity().left(this, Set.of(rooms));
        }
    }

    @Override
    public Set<String> rooms() {
        return namespace.adapter().roomsOf(id);
    }

    @Override
    public void emit(String event, Object... args) {
        if (pid == null) {
            deliver(namespace.runtime().encoder().event(namespace.name(), null, event, args));
            return;
        }
        // recoverable: through the adapter to this socket's own room, so the event is logged with an offset and a
        // client that drops before it arrives gets it back
        new BroadcastOperator(namespace, Set.of(id), Set.of()).emit(event, args);
    }

    /** Never kept for recovery, so straight to the connection, with no offset, whether or not recovery is on. */
    @Override
    public void volatileEmit(String event, Object... args) {
        deliverVolatile(namespace.runtime().encoder().event(namespace.name(), null, event, args));
    }

    @Override
    public CompletionStage<Arguments> emitWithAck(String event, Duration timeout, Object... args) {
        return acks.expect(event, timeout,
                ackId -> deliver(namespace.runtime().encoder().event(namespace.name(), ackId, event, args)),
                () -> "socket " + id + " is disconnected: no acknowledgement of '" + event + "' can come");
    }

    @Override
    public Broadcast broadcastTo(String... rooms) {
        return new BroadcastOperator(namespace, Set.of(rooms), Set.of(id));
    }

    @Override
    public void disconnect(boolean closeConnection) {
        client.execute(() -> {
            if (closeConnection) {
                client.disconnectAll();
            } else {
                serverDisconnect();
            }
        });
    }

    /** A broadcast with acknowledgements from another node, for this socket: the answer as plain values. */
    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<List<Object>> emitWithAck(List<Object> event, long timeoutMillis) {
        return emitWithAck(String.valueOf(event.get(0)), Duration.ofMillis(timeoutMillis),
                event.subList(1, event.size()).toArray())
                .thenApply(answer -> (List<Object>) namespace.runtime().plain().of(answer.values()));
    }

    /** This socket as another node's fetchSockets sees it: the handshake as Node's servers describe theirs. */
    @Override
    public SocketDetails details(Adapter adapter) {
        Map<String, Object> described = new LinkedHashMap<>();
        Map<String, Object> headers = new LinkedHashMap<>();
        handshake.headers().forEach((name, values) -> headers.put(name, values.size() == 1 ? values.get(0) : values));
        described.put("headers", headers);
        described.put("time", handshake.time().toString());
        described.put("address", handshake.address());
        described.put("xdomain", handshake.header("origin") != null);
        described.put("secure", handshake.secure());
        described.put("issued", handshake.time().toEpochMilli());
        described.put("url", handshake.url());
        described.put("query", new LinkedHashMap<>(handshake.query()));
        described.put("auth", handshake.auth() == null ? Map.of() : namespace.runtime().plain().of(handshake.auth()));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) namespace.runtime().plain().of(Map.copyOf(attributes));
        return new SocketDetails(id, described, adapter.roomsOf(id), data);
    }

    /** While it may be recovered: its id, pid, rooms and attributes as of now. */
    @Override
    public Optional<SessionRecord> session() {
        synchronized (this) {
            if (pid == null || state == State.DISCONNECTED) {
                return Optional.empty();
            }
        }
        return Optional.of(new SessionRecord(id, pid, rooms(), attributes));
    }

    /** Adapter fan-out and direct emits: queued on the connection unless still joining or gone. */
    @Override
    public void deliver(List<Packet> packets) {
        tellOutgoing(packets);
        if (connectedFor(packets)) {
            client.send(packets);
        }
    }

    /**
     * As {@link #deliver}, for a volatile event: dropped when the transport cannot take it now. While the socket
     * joins (its {@code @OnConnect} emitting) it is held like any other, and follows the CONNECT.
     */
    @Override
    public void deliverVolatile(List<Packet> packets) {
        tellOutgoing(packets);
        if (connectedFor(packets)) {
            client.sendVolatile(packets);
        }
    }

    /**
     * Hands an event on its way to this socket to the handler's {@code @OnAnyOutgoing} methods and to the server's
     * watcher, decoded back from the packets (an acknowledgement is not an event). Only when one of them wants it:
     * otherwise nothing is decoded. On the emitting thread.
     */
    private void tellOutgoing(List<Packet> packets) {
        boolean handler = namespace.handler().watchesOutgoing();
        boolean server = watched();
        if (!handler && !server) {
            return;
        }
        synchronized (this) {
            if (state == State.DISCONNECTED) {
                return;
            }
        }
        EventPacket event;
        try {
            event = EventPacket.decoded(packets, namespace.runtime());
        } catch (MalformedSioPacketException cannotHappen) {
            LOG.log(Level.SEVERE, "Socket " + id + ": an outgoing packet of our own does not decode", cannotHappen);
            return;
        }
        if (event == null) {
            return;
        }
        if (handler) {
            namespace.handler().onOutgoing(this, event.name(), event.args());
        }
        if (server) {
            activity().sent(this, event.name(), event.args());
        }
    }

    /** Whether packets go to the connection now: false when they were held (joining) or the socket is gone. */
    private synchronized boolean connectedFor(List<Packet> packets) {
        if (state == State.JOINING) {
            heldWhileJoining.add(packets);
            return false;
        }
        return state != State.DISCONNECTED;
    }

    /**
     * The handler accepted the client: tell it, then release what was emitted meanwhile. A recovered socket's
     * missed events go first, as Node sends them: the client holds events that come before CONNECT and hands them
     * to the application before its connect event. Session executor.
     */
    void joined(List<List<Packet>> missed) {
        join(id); // every socket is in the room named by its own id
        namespace.added(this);
        Packet connect = namespace.runtime().encoder().connect(namespace.name(), id, pid);
        synchronized (this) {
            // CONNECT, then what was held, queued before any other thread can see CONNECTED: an emit racing this one
            // was either held and goes out here, or goes out after. Client.send only queues onto the session's
            // executor and never blocks, so it is safe under this lock.
            missed.forEach(client::send);
            client.send(List.of(connect));
            heldWhileJoining.forEach(client::send);
            heldWhileJoining = null;
            state = State.CONNECTED;
        }
        if (watched()) {
            // as Node tells it: the socket is in its own room, then connected (with the rooms its connect handler joined)
            activity().joined(this, Set.of(id));
            activity().connected(this);
        }
    }

    /** A packet for this namespace from the client. Session executor. */
    void onPacket(SioPacket packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> {
                client.forget(this);
                closed("client namespace disconnect");
            }
            default -> LOG.fine(() -> "Socket " + id + " ignored " + packet.type());
        }
    }

    private void onEvent(SioPacket packet) {
        EventPacket decoded = EventPacket.of(packet, namespace.runtime());
        String event = decoded.name();
        Arguments args = decoded.args();
        LOG.fine(() -> "Socket " + id + " event '" + event + "' " + args);
        Ack ack = packet.ackId() == null ? null : ackFor(packet.ackId());
        if (watched()) {
            activity().received(this, event, args);
        }
        namespace.handler().onEvent(this, event, args, ack);
    }

    private Ack ackFor(long ackId) {
        AtomicBoolean sent = new AtomicBoolean();
        return args -> {
            if (sent.compareAndSet(false, true)) {
                deliver(namespace.runtime().encoder().ack(namespace.name(), ackId, args));
            }
        };
    }

    private void onAck(SioPacket packet) {
        if (!acks.answered(packet.ackId(),
                () -> new Arguments(packet.data().asJsonArray(), packet.attachments(), namespace.runtime().jsonb()))) {
            LOG.fine(() -> "Socket " + id + " dropped late or unknown ack " + packet.ackId());
        }
    }

    /** The server ends this socket: the client hears DISCONNECT for the namespace. Session executor. */
    void serverDisconnect() {
        if (connected()) {
            client.send(List.of(namespace.runtime().encoder().disconnect(namespace.name())));
            client.forget(this);
            closed("server namespace disconnect");
        }
    }

    /**
     * Leaves the namespace for good, whether it ever connected or was refused while joining (it may have joined
     * rooms in its connect handler). The handler hears of it once, and only when it had accepted the socket.
     * Session executor.
     */
    void closed(String reason) {
        boolean wasConnected;
        synchronized (this) {
            if (state == State.DISCONNECTED) {
                return;
            }
            wasConnected = state == State.CONNECTED;
            state = State.DISCONNECTED;
            heldWhileJoining = null;
        }
        acks.closed(reason);
        if (!wasConnected) {
            if (pid != null) {
                namespace.adapter().dropSession(pid); // refused: nothing to recover
            }
            namespace.removed(this);
            return;
        }
        LOG.fine(() -> "Socket " + id + " left " + namespace.name() + ": " + reason);
        try {
            // as Node orders it: disconnecting while still in its rooms, so the handler can tell them; the session
            // kept for recovery with the rooms as they are after it; out of every room; then disconnect
            namespace.handler().onDisconnecting(this, reason);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Disconnecting handler of " + namespace.name() + " failed for socket " + id, bug);
        }
        if (pid != null && RECOVERABLE.contains(reason)) {
            namespace.adapter().persistSession(new SessionRecord(id, pid, rooms(), attributes));
        } else if (pid != null) {
            namespace.adapter().dropSession(pid);
        }
        Set<String> roomsBefore = watched() ? rooms() : Set.of();
        namespace.adapter().removeAll(this);
        if (watched()) {
            activity().disconnected(this, reason, roomsBefore);
        }
        try {
            // emits to this socket are dropped by now, and its joins ignored (removeAll is final)
            namespace.handler().onDisconnect(this, reason);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Disconnect handler of " + namespace.name() + " failed for socket " + id, bug);
        } finally {
            namespace.removed(this);
        }
    }

    @Override
    public String toString() {
        return "Socket[" + id + " " + namespace.name() + "]";
    }
}
