package dev.switchboard.socketio;

import dev.switchboard.adapter.Adapter;
import dev.switchboard.handler.NamespaceHandler;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    Namespace(String name, NamespaceHandler handler, SocketIoRuntime runtime) {
        this.name = name;
        this.handler = handler;
        this.runtime = runtime;
        // an event from another node: encoded here once, then fanned out like one of ours
        this.adapter = runtime.adapters().create(name, data -> runtime.encoder().event(name, null,
                String.valueOf(data.get(0)), data.subList(1, data.size()).toArray()));
    }

    public String name() {
        return name;
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
        runtime.observer().joined(name);
    }

    void removed(Socket socket) {
        if (sockets.remove(socket.id(), socket)) {
            runtime.observer().left(name);
        }
        adapter.removeAll(socket);
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
