package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rooms of one namespace, and fan-out to their members. The in-memory adapter serves one server; a cluster
 * adapter would implement the same interface. Thread-safe: any session's executor may call it at any time.
 */
public interface Adapter {

    /** A socket the adapter can deliver to. */
    interface Member {
        String id();

        /** Sends already-encoded packets to this member; must not block. */
        void deliver(List<Packet> packets);
    }

    void add(Member member, Set<String> rooms);

    void remove(String memberId, String room);

    /** Forgets a member and all its rooms. */
    void removeAll(String memberId);

    Set<String> roomsOf(String memberId);

    /** Members in any of {@code rooms} (all members when empty) and in none of {@code except}. */
    Set<String> memberIds(Set<String> rooms, Set<String> except);

    /** Delivers the same packets to every member {@link #memberIds} would name; returns how many. */
    int broadcast(List<Packet> packets, Set<String> rooms, Set<String> except);

    /** Every room with at least one member, and its size. */
    Map<String, Integer> roomSizes();
}
