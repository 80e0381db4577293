package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rooms of one namespace, and fan-out to their members. The in-memory adapter serves one server; a cluster
 * adapter would implement the same interface. Thread-safe: any session's executor may call it at any time.
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

    /** Delivers the same packets to every member {@link #memberIds} would name; returns how many. */
    int broadcast(List<Packet> packets, Set<String> rooms, Set<String> except);

    /** Every room with at least one member, and its size. */
    Map<String, Integer> roomSizes();
}
