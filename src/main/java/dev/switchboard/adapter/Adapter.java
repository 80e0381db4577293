package dev.switchboard.adapter;

import dev.switchboard.adapter.cluster.AckCollection;
import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rooms of one namespace, and fan-out to their members. The in-memory adapter serves one server; a cluster
 * adapter implements the same interface, adding the other nodes to what the defaults below do on this one.
 * Thread-safe: any session's executor may call it at any time.
 * <p>
 * A member's life here ends with {@link #removeAll}: every change to one member ({@link #add}, {@link #remove},
 * {@link #removeAll}) is atomic with respect to the others for that member, and an {@code add} that comes after
 * {@code removeAll}, or races it, leaves the member in no room. So a socket that joins from another thread while
 * it is being closed, or joins in its connect handler and is then refused, is never left in a room.
 */
public interface Adapter {

    /** A socket the adapter can deliver to. */
    interface Member {
        String id();

        /** Sends already-encoded packets to this member; must not block. */
        void deliver(List<Packet> packets);

        /** Sends a volatile event: now, or not at all when the member's transport cannot take it now; must not block. */
        default void deliverVolatile(List<Packet> packets) {
            deliver(packets);
        }

        /** Ends this member's membership of the namespace, or its whole connection; must not block. */
        default void disconnect(boolean closeConnection) {
        }

        /**
         * Emits {@code [event, ...args]} (plain values) asking for an acknowledgement: completes with the client's
         * answer as plain values, or exceptionally after {@code timeoutMillis} or when the member goes.
         */
        default CompletionStage<List<Object>> emitWithAck(List<Object> event, long timeoutMillis) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no acknowledgements here"));
        }

        /** This member as another node sees it. */
        default SocketDetails details(Adapter adapter) {
            return new SocketDetails(id(), Map.of(), adapter.roomsOf(id()), Map.of());
        }

        /** Someone else (socketsJoin, socketsLeave, another node) put it in rooms or took it out; must not block. */
        default void moved(Set<String> joined, Set<String> left) {
        }

        /** The session a client could recover this member with, as of now; empty when it has none. */
        default Optional<SessionRecord> session() {
            return Optional.empty();
        }
    }

    /** Puts the member in these rooms; ignored once the member has been {@linkplain #removeAll removed}. */
    void add(Member member, Set<String> rooms);

    void remove(String memberId, String room);

    /**
     * Forgets a member and all its rooms, for good: later {@link #add}s of it are ignored. Called once a socket
     * ends, whether or not it ever connected.
     */
    void removeAll(Member member);

    Set<String> roomsOf(String memberId);

    /** Members in any of {@code rooms} (all members when empty) and in none of {@code except}. */
    Set<String> memberIds(Set<String> rooms, Set<String> except);

    /**
     * Delivers the same packets to every member of this node {@link #memberIds} would name for the target's rooms
     * (volatile ones as such); returns how many.
     */
    int broadcast(List<Packet> packets, Target target);

    /** Every room with at least one member on this node, and its size. */
    Map<String, Integer> roomSizes();

    /** A present member of this node, by id. */
    Optional<Member> member(String memberId);

    // ---- the cluster's view: what follows acts on every node unless the target is local; here, on this one ----

    /** Delivers the event to the target's sockets; returns how many on this node. */
    default int broadcast(Emission emission, Target target) {
        return broadcast(emission.frames(), target);
    }

    /**
     * Delivers the event asking each target client for an acknowledgement: completes with every client's answer
     * (its first value), or fails with {@link PartialAnswers} after {@code timeoutMillis}.
     */
    default CompletionStage<List<Object>> broadcastWithAck(Emission emission, Target target, long timeoutMillis) {
        List<Member> members = memberIds(target.rooms(), target.except()).stream().flatMap(id -> member(id).stream()).toList();
        AckCollection collection = new AckCollection(1);
        CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS).execute(collection::expire);
        collection.counted(members.size());
        members.forEach(member -> member.emitWithAck(emission.data().get(), timeoutMillis)
                .thenAccept(answer -> collection.answered(answer.isEmpty() ? null : answer.get(0))));
        return collection.done();
    }

    default CompletionStage<List<SocketDetails>> fetchSockets(Target target) {
        return CompletableFuture.completedFuture(memberIds(target.rooms(), target.except()).stream()
                .flatMap(id -> member(id).stream()).map(member -> member.details(this)).toList());
    }

    /** Puts the target's sockets in {@code rooms} too. */
    default void addSockets(Target target, Set<String> rooms) {
        memberIds(target.rooms(), target.except()).forEach(id -> member(id).ifPresent(member -> {
            add(member, rooms);
            member.moved(rooms, Set.of());
        }));
    }

    /** Takes the target's sockets out of {@code rooms}. */
    default void delSockets(Target target, Set<String> rooms) {
        memberIds(target.rooms(), target.except()).forEach(id -> {
            rooms.forEach(room -> remove(id, room));
            member(id).ifPresent(member -> member.moved(Set.of(), rooms));
        });
    }

    default void disconnectSockets(Target target, boolean closeConnection) {
        memberIds(target.rooms(), target.except())
                .forEach(id -> member(id).ifPresent(member -> member.disconnect(closeConnection)));
    }

    /** Rooms with at least one member anywhere in the cluster (on this node when {@code local}). */
    default CompletionStage<Set<String>> allRooms(boolean local) {
        return CompletableFuture.completedFuture(Set.copyOf(roomSizes().keySet()));
    }

    /**
     * A server-side event ({@code [event, ...args]}, plain values) for the other nodes' handlers, not this one's;
     * with {@code withAck}, completes with each other node's answer (exceptionally with an
     * {@code AckTimeoutException}-like {@link PartialAnswers} when some did not answer in time).
     */
    default CompletionStage<List<Object>> serverSideEmit(List<Object> event, boolean withAck) {
        return CompletableFuture.completedFuture(List.of()); // no other node
    }

    /** Nodes serving this namespace, this one included. */
    default CompletionStage<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    // ---- connection state recovery: adapters that keep sessions and the events sent meanwhile ----

    /**
     * Whether this adapter recovers sessions: it records every {@link #broadcast(Emission, Target)} with an offset
     * appended, keeps what {@link #persistSession} hands it, and {@link #restoreSession} can answer. Without it,
     * recovery is off whatever the settings say.
     */
    default boolean recovers() {
        return false;
    }

    /**
     * A connected member's session changed (its attributes; rooms are seen in {@link #add} and {@link #remove}):
     * an adapter that keeps live sessions, so they survive this node, writes it again.
     */
    default void sessionChanged(Member member) {
    }

    /** Keeps a dropped socket's session for its client to recover, for the configured time. */
    default void persistSession(SessionRecord session) {
    }

    /** Forgets whatever is kept of this session: its socket ended on purpose, or was refused. */
    default void dropSession(String pid) {
    }

    /**
     * Recovers a session once: when {@code pid} names a kept, unexpired session and {@code offset} an event this
     * adapter still knows everything after, {@code remake} builds the member again from the session, the adapter
     * puts it back in its rooms and completes with it and the events it missed. Whatever is broadcast from then on
     * reaches the member (which holds it until it has joined); nothing falls between the two. Completes empty
     * otherwise, and never exceptionally for a bad pid or offset. The session is used up either way.
     */
    default CompletionStage<Optional<RestoredSession>> restoreSession(String pid, String offset,
                                                                     Function<SessionRecord, Member> remake) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * The namespace is gone (one made from a pattern, emptied): let go of what is held for it beyond its rooms,
     * such as a cluster's subscriptions, timers and pending requests. Nothing is called on the adapter after.
     */
    default void close() {
    }
}
