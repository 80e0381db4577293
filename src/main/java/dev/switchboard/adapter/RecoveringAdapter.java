package dev.switchboard.adapter;

import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.Packet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One namespace on one node with connection state recovery: rooms in memory, and beside them the sessions of
 * sockets that dropped and the events they may have missed, as Node's {@code SessionAwareAdapter} keeps them.
 * <p>
 * Broadcasts that are not an application's emit (raw frames) are not recorded. Thread-safe. A recorded broadcast takes its offset, is logged and is handed to its members under this object's
 * lock, so every client receives events in offset order and a restore (under the same lock) sees each event
 * either among the missed ones or live, never both and never neither. Handing out only queues on each session's
 * executor: the lock is held for the fan-out, never for I/O. {@link #sweep} runs on the adapters' timer.
 */
public final class RecoveringAdapter extends LocalRoomsAdapter {
    private record Kept(SessionRecord session, long disconnectedAt) {
    }

    private final RecoverySettings settings;
    private final LongSupplier clock;
    // guarded by this
    private final RecoveryLog log;
    private final Map<String, Kept> sessions = new HashMap<>();

    /**
     * @param epoch a random token of this adapter's life, the prefix of its offsets
     * @param clock milliseconds, {@code System::currentTimeMillis} outside tests
     */
    public RecoveringAdapter(RecoverySettings settings, String epoch, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.log = new RecoveryLog(epoch, settings.maxPackets());
    }

    // ---- recovery ----

    /**
     * Every emit without an acknowledgement: recorded under a new offset, which the frames carry last; a volatile
     * one is not recorded, and has no offset.
     */
    @Override
    public synchronized int broadcast(Emission emission, Target target) {
        if (target.isVolatile()) {
            return local().broadcast(emission.frames(), target);
        }
        List<Packet> frames = emission.frames(log.nextOffset());
        log.append(target.rooms(), target.except(), frames, clock.getAsLong());
        return local().broadcast(frames, target);
    }

    @Override
    public boolean recovers() {
        return true;
    }

    @Override
    public synchronized void persistSession(SessionRecord session) {
        sessions.put(session.pid(), new Kept(session, clock.getAsLong()));
    }

    @Override
    public synchronized CompletionStage<Optional<RestoredSession>> restoreSession(String pid, String offset,
                                                                                 Function<SessionRecord, Member> remake) {
        Kept kept = sessions.remove(pid);
        if (kept == null || expired(kept, clock.getAsLong())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        List<List<Packet>> missed = log.after(offset, kept.session());
        if (missed == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Member member = remake.apply(kept.session());
        add(member, kept.session().rooms());
        return CompletableFuture.completedFuture(Optional.of(new RestoredSession(member, missed)));
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
