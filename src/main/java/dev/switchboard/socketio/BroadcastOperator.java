package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Broadcast;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An immutable broadcast target within one namespace. The event is encoded once for all recipients. */
public final class BroadcastOperator implements Broadcast {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
    }

    @Override
    public Broadcast to(String... more) {
        return new BroadcastOperator(namespace, union(rooms, more), except);
    }

    @Override
    public Broadcast except(String... more) {
        return new BroadcastOperator(namespace, rooms, union(except, more));
    }

    @Override
    public void emit(String event, Object... args) {
        List<Packet> packets = namespace.runtime().encoder().event(namespace.name(), null, event, args);
        namespace.adapter().broadcast(packets, rooms, except);
    }

    @Override
    public Set<String> socketIds() {
        return namespace.adapter().memberIds(rooms, except);
    }

    @Override
    public void disconnect() {
        socketIds().forEach(id -> namespace.socket(id).ifPresent(socket -> socket.disconnect(false)));
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
