package dev.switchboard.adapter;

import dev.switchboard.config.RecoverySettings;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One namespace on one node with connection state recovery: rooms in memory, and beside them the sessions of
 * sockets that dropped and the events they may have missed ({@link LocalRecovery}), as Node's
 * {@code SessionAwareAdapter} keeps them. Broadcasts that are not an application's emit (raw frames) are not
 * recorded. Thread-safe: see {@link LocalRecovery} for the order it keeps.
 */
public final class RecoveringAdapter extends LocalRoomsAdapter {
    private final LocalRecovery recovery;

    /**
     * @param epoch a random token of this adapter's life, the prefix of its offsets
     * @param clock milliseconds, {@code System::currentTimeMillis} outside tests
     */
    public RecoveringAdapter(RecoverySettings settings, String epoch, LongSupplier clock) {
        this.recovery = new LocalRecovery(settings, epoch, clock);
    }

    /**
     * Every emit without an acknowledgement: recorded under a new offset, which the frames carry last; a volatile
     * one is not recorded, and has no offset.
     */
    @Override
    public int broadcast(Emission emission, Target target) {
        if (target.isVolatile()) {
            return local().broadcast(emission.frames(), target);
        }
        return recovery.record(emission::frames, target, frames -> local().broadcast(frames, target));
    }

    @Override
    public boolean recovers() {
        return true;
    }

    @Override
    public void persistSession(SessionRecord session) {
        recovery.persist(session);
    }

    @Override
    public CompletionStage<Optional<RestoredSession>> restoreSession(String pid, String offset,
                                                                     Function<SessionRecord, Member> remake) {
        return CompletableFuture.completedFuture(recovery.restore(pid, offset, remake, this::add));
    }

    /** Forgets sessions and events older than {@code maxDisconnectionDuration}. */
    public void sweep() {
        recovery.sweep();
    }

    /** Sessions waiting for their clients, for metrics and tests. */
    public int keptSessions() {
        return recovery.keptSessions();
    }

    /** Events a client could still recover, for metrics and tests. */
    public int loggedEvents() {
        return recovery.loggedEvents();
    }
}
