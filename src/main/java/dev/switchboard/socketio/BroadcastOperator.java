package dev.switchboard.socketio;

import dev.switchboard.adapter.Emission;
import dev.switchboard.adapter.Target;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.RemoteSocket;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * An immutable broadcast target within one namespace, on every node of the cluster unless {@link #local()}.
 * The event is encoded once for this node's recipients, and turned into plain values once for the others.
 */
public final class BroadcastOperator implements Broadcast {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean local;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except) {
        this(namespace, rooms, except, false);
    }

    private BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean local) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.local = local;
    }

    @Override
    public Broadcast to(String... more) {
        return new BroadcastOperator(namespace, union(rooms, more), except, local);
    }

    @Override
    public Broadcast except(String... more) {
        return new BroadcastOperator(namespace, rooms, union(except, more), local);
    }

    @Override
    public Broadcast local() {
        return new BroadcastOperator(namespace, rooms, except, true);
    }

    @Override
    public void emit(String event, Object... args) {
        namespace.adapter().broadcast(emission(event, args), target());
    }

    @Override
    public void volatileEmit(String event, Object... args) {
        namespace.adapter().broadcast(emission(event, args), new Target(rooms, except, local, true));
    }

    @Override
    public CompletionStage<List<Object>> emitWithAck(Duration timeout, String event, Object... args) {
        return AckFailures.asTimeout(namespace.adapter().broadcastWithAck(emission(event, args), target(), timeout.toMillis()),
                partial -> "operation has timed out: " + partial.answers().size() + " of " + partial.asked() + " answers");
    }

    @Override
    public Set<String> socketIds() {
        return namespace.adapter().memberIds(rooms, except);
    }

    @Override
    public void disconnectSockets(boolean closeConnection) {
        namespace.adapter().disconnectSockets(target(), closeConnection);
    }

    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return namespace.adapter().fetchSockets(target()).thenApply(found -> found.stream()
                .map(socket -> new RemoteSocket(socket.id(), socket.handshake(), socket.rooms(), socket.data(),
                        new BroadcastOperator(namespace, Set.of(socket.id()), Set.of())))
                .toList());
    }

    @Override
    public void socketsJoin(String... more) {
        namespace.adapter().addSockets(target(), Set.of(more));
    }

    @Override
    public void socketsLeave(String... more) {
        namespace.adapter().delSockets(target(), Set.of(more));
    }

    /** The event encoded on demand: once per broadcast, with the offset a recovering adapter gives it. */
    private Emission emission(String event, Object[] args) {
        SocketIoRuntime runtime = namespace.runtime();
        return new Emission(offset -> runtime.encoder().event(namespace.name(), null, event,
                offset == null ? args : withOffset(args, offset)), () -> runtime.plain().event(event, args));
    }

    private static Object[] withOffset(Object[] args, String offset) {
        Object[] all = Arrays.copyOf(args == null ? new Object[0] : args, (args == null ? 0 : args.length) + 1);
        all[all.length - 1] = offset;
        return all;
    }

    private Target target() {
        return new Target(rooms, except, local);
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
