package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rooms in this JVM. Every change to one member runs inside {@code members.compute} on its id, so an add racing
 * a removeAll of the same member is one before the other, never interleaved; room changes are atomic per room
 * ({@code compute}), so a room is dropped exactly when its last member leaves, even while others join it on other
 * threads. Lock order: a member's entry, then a room's; never the other way.
 */
public final class InMemoryAdapter implements Adapter {
    /** A present member and its rooms; the set only changes inside {@code members.compute} on the member's id. */
    private record Membership(Member member, Set<String> rooms) {
    }

    private final Map<String, Membership> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomMembers = new ConcurrentHashMap<>();
    // guarded by itself, touched inside members.compute on the member's id: members removed for good, so a late
    // add cannot bring one back. Weak: a member no one holds cannot be added again, so it need not be remembered,
    // and a server that runs for months does not keep every socket it ever had.
    private final Set<Member> removed = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public void add(Member member, Set<String> rooms) {
        members.compute(member.id(), (id, membership) -> {
            if (removed.contains(member)) {
                return membership;
            }
            Membership joined = membership != null ? membership : new Membership(member, ConcurrentHashMap.newKeySet());
            for (String room : rooms) {
                if (joined.rooms().add(room)) {
                    enterRoom(id, room);
                }
            }
            return joined;
        });
    }

    @Override
    public void remove(String memberId, String room) {
        members.computeIfPresent(memberId, (id, membership) -> {
            if (membership.rooms().remove(room)) {
                leaveRoom(id, room);
            }
            return membership;
        });
    }

    @Override
    public void removeAll(Member member) {
        // compute, not computeIfPresent: it waits for an add of the same member that is under way, even a first one
        members.compute(member.id(), (id, membership) -> {
            removed.add(member);
            if (membership != null) {
                membership.rooms().forEach(room -> leaveRoom(id, room));
            }
            return null;
        });
    }

    private void enterRoom(String memberId, String room) {
        roomMembers.compute(room, (name, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            set.add(memberId);
            return set;
        });
    }

    private void leaveRoom(String memberId, String room) {
        roomMembers.computeIfPresent(room, (name, ids) -> {
            ids.remove(memberId);
            return ids.isEmpty() ? null : ids;
        });
    }

    @Override
    public Set<String> roomsOf(String memberId) {
        Membership membership = members.get(memberId);
        return membership == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(membership.rooms()));
    }

    @Override
    public Set<String> memberIds(Set<String> rooms, Set<String> except) {
        Set<String> ids = new HashSet<>();
        forEachTarget(rooms, except, member -> ids.add(member.id()));
        return ids;
    }

    @Override
    public int broadcast(List<Packet> packets, Target target) {
        int[] count = {0};
        forEachTarget(target.rooms(), target.except(), member -> {
            if (target.isVolatile()) {
                member.deliverVolatile(packets);
            } else {
                member.deliver(packets);
            }
            count[0]++;
        });
        return count[0];
    }

    @Override
    public Optional<Member> member(String memberId) {
        Membership membership = members.get(memberId);
        return membership == null ? Optional.empty() : Optional.of(membership.member());
    }

    /** Whether any member is in this room: one lookup, where {@link #roomSizes} copies every room. */
    public boolean hasRoom(String room) {
        return roomMembers.containsKey(room);
    }

    @Override
    public Map<String, Integer> roomSizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        roomMembers.forEach((room, ids) -> sizes.put(room, ids.size()));
        return sizes;
    }

    private void forEachTarget(Set<String> rooms, Set<String> except, Consumer<Member> action) {
        Set<String> excluded = new HashSet<>();
        for (String room : except) {
            excluded.addAll(roomMembers.getOrDefault(room, Set.of()));
        }
        if (rooms.isEmpty()) {
            members.values().forEach(membership -> {
                if (!excluded.contains(membership.member().id())) {
                    action.accept(membership.member());
                }
            });
            return;
        }
        Set<String> seen = rooms.size() > 1 ? new HashSet<>() : null;
        for (String room : rooms) {
            for (String id : roomMembers.getOrDefault(room, Set.of())) {
                if (!excluded.contains(id) && (seen == null || seen.add(id))) {
                    Membership membership = members.get(id);
                    if (membership != null) {
                        action.accept(membership.member());
                    }
                }
            }
        }
    }
}
