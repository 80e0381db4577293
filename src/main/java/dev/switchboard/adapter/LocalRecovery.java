package dev.switchboard.adapter;

import dev.switchboard.adapter.Adapter.Member;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.Packet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Connection state recovery kept on this node for one namespace, as Node's {@code SessionAwareAdapter} keeps it:
 * the sessions of sockets that dropped, and the events they may have missed, each under an offset of this node's.
 * The memory adapter keeps its namespace's here, and so does the Redis pub/sub adapter, recording what this node
 * emits and what it hears from the other nodes and the emitter, for clients that come back to this node.
 * <p>
 * Thread-safe. An event is given its offset, logged and handed out under this object's lock, and a restore runs under
 * the same lock, so every client receives events in offset order and a restored socket gets each event either among
 * the missed ones or live, never both and never neither. Handing out only queues on each session's executor: the
 * lock is held for the fan-out, never for I/O. {@link #sweep} runs on a timer of the adapter's owner.
 */
public final class LocalRecovery {
    private record Kept(SessionRecord session, long disconnectedAt) {
    }

    private final RecoverySettings settings;
    private final LongSupplier clock;
    // guarded by this
    private final RecoveryLog log;
    private final Map<String, Kept> sessions = new HashMap<>();

    /**
     * @param epoch a random token of this node's life, the prefix of its offsets
     * @param clock milliseconds, {@code System::currentTimeMillis} outside tests
     */
    public LocalRecovery(RecoverySettings settings, String epoch, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.log = new RecoveryLog(epoch, settings.maxPackets());
    }

    /**
     * Records an event for {@code target} under a new offset: {@code frames} makes its frames with that offset last,
     * and {@code handOut} gives them to this node's members, under the lock.
     */
    public synchronized int record(Function<String, List<Packet>> frames, Target target, Function<List<Packet>, Integer> handOut) {
        List<Packet> encoded = frames.apply(log.nextOffset());
        log.append(target.rooms(), target.except(), encoded, clock.getAsLong());
        return handOut.apply(encoded);
    }

    public synchronized void persist(SessionRecord session) {
        sessions.put(session.pid(), new Kept(session, clock.getAsLong()));
    }

    /**
     * The dropped socket of {@code pid} back, with the events it missed after {@code offset}: made by {@code remake}
     * and put back in the rooms it had by {@code rejoin}, under the lock. Empty when the session is unknown, expired, or the
     * offset is not one this node can continue from; a session recovers once.
     */
    public synchronized Optional<RestoredSession> restore(String pid, String offset, Function<SessionRecord, Member> remake,
                                                          BiConsumer<Member, Set<String>> rejoin) {
        Kept kept = sessions.remove(pid);
        if (kept == null || expired(kept, clock.getAsLong())) {
            return Optional.empty();
        }
        List<List<Packet>> missed = log.after(offset, kept.session());
        if (missed == null) {
            return Optional.empty();
        }
        Member member = remake.apply(kept.session());
        rejoin.accept(member, kept.session().rooms());
        return Optional.of(new RestoredSession(member, missed));
    }

    /** Forgets sessions and events older than {@code maxDisconnectionDuration}. */
    public synchronized void sweep() {
        long now = clock.getAsLong();
        sessions.values().removeIf(kept -> expired(kept, now));
        log.dropOlderThan(now - settings.maxDisconnectionDuration());
    }

    /** Sessions waiting for their clients, for metrics and tests. */
    public synchronized int keptSessions() {
        return sessions.size();
    }

    /** Events a client could still recover, for metrics and tests. */
    public synchronized int loggedEvents() {
        return log.size();
    }

    private boolean expired(Kept kept, long now) {
        return kept.disconnectedAt() + settings.maxDisconnectionDuration() < now;
    }
}
