package dev.switchboard.adapter;

import dev.switchboard.adapter.cluster.AckCollection;
import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An adapter whose rooms on this node are an {@link InMemoryAdapter}'s, with its guarantees; subclasses add what
 * else they keep (the other nodes, recovery) and override the cluster-wide operations.
 */
public abstract class LocalRoomsAdapter implements Adapter {
    private final InMemoryAdapter local = new InMemoryAdapter();

    /** This node's members and rooms. */
    protected final InMemoryAdapter local() {
        return local;
    }

    /** This node's members of the target, as members. */
    protected final List<Member> localMembers(Target target) {
        return memberIds(target.rooms(), target.except()).stream().flatMap(id -> member(id).stream()).toList();
    }

    /**
     * Sends the event to this node's members of the target, each asked for an acknowledgement: counts them in
     * {@code collection}, then adds each answer's first value as it comes.
     */
    protected final void askLocalMembers(Target target, List<Object> event, long timeoutMillis, AckCollection collection) {
        List<Member> members = localMembers(target);
        collection.counted(members.size());
        members.forEach(member -> member.emitWithAck(event, timeoutMillis)
                .thenAccept(answer -> collection.answered(answer.isEmpty() ? null : answer.get(0))));
    }

    @Override
    public void add(Member member, Set<String> rooms) {
        local.add(member, rooms);
    }

    @Override
    public void remove(String memberId, String room) {
        local.remove(memberId, room);
    }

    @Override
    public void removeAll(Member member) {
        local.removeAll(member);
    }

    @Override
    public Set<String> roomsOf(String memberId) {
        return local.roomsOf(memberId);
    }

    @Override
    public Set<String> memberIds(Set<String> rooms, Set<String> except) {
        return local.memberIds(rooms, except);
    }

    @Override
    public int broadcast(List<Packet> packets, Target target) {
        return local.broadcast(packets, target);
    }

    @Override
    public Map<String, Integer> roomSizes() {
        return local.roomSizes();
    }

    @Override
    public Optional<Member> member(String memberId) {
        return local.member(memberId);
    }
}
