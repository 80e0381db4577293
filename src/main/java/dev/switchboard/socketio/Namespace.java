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

    Namespace(String name, NamespaceHandler handler, SocketIoRuntime runtime) {
        this.name = name;
        this.handler = handler;
        this.runtime = runtime;
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
