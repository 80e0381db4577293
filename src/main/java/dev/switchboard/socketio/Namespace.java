package dev.switchboard.socketio;

import dev.switchboard.adapter.Adapter;
import dev.switchboard.adapter.NamespaceLink;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.NamespaceHandler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Socket.IO namespace: its connected sockets, its rooms (through the adapter) and its handler.
 * Thread-safe: sockets of many connections join and leave concurrently.
 */
public final class Namespace {
    private final String name;
    private final NamespaceHandler handler;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final SocketIoRuntime runtime;
    // the pattern this namespace was made from, or null for a namespace of one name
    private final ParentNamespace parent;
    // sockets made for this namespace (joining, connected, or refused) and not yet removed: counted up by whoever
    // hands the namespace to a CONNECT (under the parent's lock for a child), down when the socket is removed
    private final AtomicInteger members = new AtomicInteger();

    Namespace(String name, NamespaceHandler handler, SocketIoRuntime runtime) {
        this(name, handler, runtime, null);
    }

    Namespace(String name, NamespaceHandler handler, SocketIoRuntime runtime, ParentNamespace parent) {
        this.name = name;
        this.handler = handler;
        this.runtime = runtime;
        this.parent = parent;
        // an event from another node: encoded here once, then fanned out like one of ours
        this.adapter = runtime.adapters().create(name, new NamespaceLink() {
            @Override
            public List<Packet> frames(List<Object> event) {
                // an event from another node: encoded here once, then fanned out like one of ours
                return runtime.encoder().event(name, null, String.valueOf(event.get(0)), event.subList(1, event.size()).toArray());
            }

            @Override
            public void serverEvent(List<Object> event, Consumer<Object> answer) {
                Arguments args = runtime.plain().arguments(event.subList(1, event.size()));
                Ack ack = answer == null ? null : values -> answer.accept(values.length == 0 ? null : runtime.plain().of(values[0]));
                handler.onServerEvent(String.valueOf(event.get(0)), args, ack);
            }

            @Override
            public Object plain(Object value) {
                return runtime.plain().of(value);
            }
        });
    }

    public String name() {
        return name;
    }

    /**
     * The name metrics know this namespace by: its own, or for one made from a pattern the pattern's, as clients
     * choose those names and every label value is a time series kept for the server's life.
     */
    String observedName() {
        return parent == null ? name : parent.pattern();
    }

    /** Who hears of this namespace's clients: no one for a namespace the metrics do not count. */
    SocketIoObserver observer() {
        return handler.counted() ? runtime.observer() : SocketIoObserver.NONE;
    }

    NamespaceHandler handler() {
        return handler;
    }

    Adapter adapter() {
        return adapter;
    }

    SocketIoRuntime runtime() {
        return runtime;
    }

    /** A socket finished joining: it is reachable by broadcasts and lookups from now on. */
    void added(Socket socket) {
        sockets.put(socket.id(), socket);
        observer().joined(observedName());
    }

    /** A CONNECT is about to make a socket here; {@link #removed} of that socket balances it. */
    void acquired() {
        members.incrementAndGet();
    }

    /** Members counted by {@link #acquired} and not removed yet. */
    int members() {
        return members.get();
    }

    /** The socket has left for good (or was refused): the last one out of a child may take the child with it. */
    void removed(Socket socket) {
        if (sockets.remove(socket.id(), socket)) {
            observer().left(observedName());
        }
        adapter.removeAll(socket);
        if (members.decrementAndGet() == 0 && parent != null) {
            parent.emptied(this);
        }
    }

    /** Removed from its parent: the adapter lets go of what it holds for it (a cluster's subscriptions). */
    void close() {
        adapter.close();
    }

    Optional<Socket> socket(String id) {
        return Optional.ofNullable(sockets.get(id));
    }

    public int size() {
        return sockets.size();
    }

    /** Every client of this namespace. */
    public BroadcastOperator broadcast() {
        return new BroadcastOperator(this, java.util.Set.of(), java.util.Set.of());
    }
}
