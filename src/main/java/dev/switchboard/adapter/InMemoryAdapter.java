package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms in this JVM. Membership changes are atomic per room ({@code compute}), so a room is dropped exactly
 * when its last member leaves, even while others join it on other threads.
 */
public final class InMemoryAdapter implements Adapter {
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomMembers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> memberRooms = new ConcurrentHashMap<>();

    @Override
    public void add(Member member, Set<String> rooms) {
        members.put(member.id(), member);
        memberRooms.computeIfAbsent(member.id(), id -> ConcurrentHashMap.newKeySet()).addAll(rooms);
        for (String room : rooms) {
            roomMembers.compute(room, (name, ids) -> {
                Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                set.add(member.id());
                return set;
            });
        }
    }

    @Override
    public void remove(String memberId, String room) {
        leaveRoom(memberId, room);
        Set<String> rooms = memberRooms.get(memberId);
        if (rooms != null) {
            rooms.remove(room);
        }
    }

    @Override
    public void removeAll(String memberId) {
        members.remove(memberId);
        Set<String> rooms = memberRooms.remove(memberId);
        if (rooms != null) {
            rooms.forEach(room -> leaveRoom(memberId, room));
        }
    }

    private void leaveRoom(String memberId, String room) {
        roomMembers.computeIfPresent(room, (name, ids) -> {
            ids.remove(memberId);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public Set<String> roomsOf(String memberId) {
        Set<String> rooms = memberRooms.get(memberId);
        return rooms == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(rooms));
    }

    @Override
    public Set<String> memberIds(Set<String> rooms, Set<String> except) {
        Set<String> ids = new HashSet<>();
        forEachTarget(rooms, except, member -> ids.add(member.id()));
        return ids;
    }

    @Override
    public int broadcast(List<Packet> packets, Set<String> rooms, Set<String> except) {
        int[] count = {0};
        forEachTarget(rooms, except, member -> {
            member.deliver(packets);
            count[0]++;
        });
        return count[0];
    }

    @Override
    public Map<String, Integer> roomSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        roomMembers.forEach((room, ids) -> sizes.put(room, ids.size()));
        return sizes;
    }

    private void forEachTarget(Set<String> rooms, Set<String> except, java.util.function.Consumer<Member> action) {
        Set<String> excluded = new HashSet<>();
        for (String room : except) {
            excluded.addAll(roomMembers.getOrDefault(room, Set.of()));
        }
        if (rooms.isEmpty()) {
            members.values().forEach(member -> {
                if (!excluded.contains(member.id())) {
                    action.accept(member);
                }
            });
            return;
        }
        Set<String> seen = rooms.size() > 1 ? new HashSet<>() : null;
        for (String room : rooms) {
            for (String id : roomMembers.getOrDefault(room, Set.of())) {
                if (!excluded.contains(id) && (seen == null || seen.add(id))) {
                    Member member = members.get(id);
                    if (member != null) {
                        action.accept(member);
                    }
                }
            }
        }
    }
}
