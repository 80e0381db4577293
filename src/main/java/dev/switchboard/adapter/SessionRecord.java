package dev.switchboard.adapter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a socket that dropped leaves behind for its client to recover: as Node's {@code persistSession} keeps it.
 *
 * @param sid   the socket's id, which the recovered socket takes again
 * @param pid   the private session id the client proves itself with; never logged
 * @param rooms every room the socket was in, its own id's included
 * @param data  the socket's attributes
 */
public record SessionRecord(String sid, String pid, Set<String> rooms, Map<String, Object> data) {

    public SessionRecord {
        rooms = Set.copyOf(rooms);
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data)); // another node's data may hold nulls
    }

    /** Node's {@code shouldIncludePacket}: whether an event sent to {@code target} was meant for this socket. */
    public boolean wanted(Set<String> targetRooms, Set<String> targetExcept) {
        boolean included = targetRooms.isEmpty() || rooms.stream().anyMatch(targetRooms::contains);
        return included && rooms.stream().noneMatch(targetExcept::contains);
    }
}
