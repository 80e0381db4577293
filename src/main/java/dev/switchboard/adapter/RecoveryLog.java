package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The events of one namespace a dropped client may have missed, each with its offset: at most {@code maxPackets}
 * (the oldest go first), none older than what {@link #dropOlderThan} keeps. Offsets are {@code <epoch>-<sequence>}:
 * the epoch is random per log, so an offset from another process, another namespace or a forged one is unknown
 * here. Not thread-safe: its adapter guards it.
 */
final class RecoveryLog {
    private record Entry(long sequence, Set<String> rooms, Set<String> except, List<Packet> frames, long emittedAt) {
    }

    private final String epoch;
    private final int maxPackets;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextSequence;
    // the newest sequence dropped for the count bound: a client whose offset is older missed events no longer here
    private long droppedForRoom = -1;

    RecoveryLog(String epoch, int maxPackets) {
        this.epoch = epoch;
        this.maxPackets = maxPackets;
    }

    /** The offset the next {@link #append} will record under. */
    String nextOffset() {
        return epoch + "-" + Long.toString(nextSequence, 36);
    }

    /**
     * Records the frames of an event sent to {@code rooms} except {@code except}, under {@link #nextOffset}: packets
     * of the log's own, sharing the data, so that what a transport framed for sending is not kept here too.
     */
    void append(Set<String> rooms, Set<String> except, List<Packet> frames, long now) {
        List<Packet> kept = frames.stream().map(Packet::detached).toList();
        entries.addLast(new Entry(nextSequence++, rooms, except, kept, now));
        if (entries.size() > maxPackets) {
            droppedForRoom = entries.removeFirst().sequence();
        }
    }

    /**
     * Drops events emitted before {@code threshold}. That does not make older offsets unknown: a session is only
     * kept for as long as an event is, so whatever a still-kept session missed is younger than the threshold.
     */
    void dropOlderThan(long threshold) {
        while (!entries.isEmpty() && entries.peekFirst().emittedAt() < threshold) {
            entries.removeFirst();
        }
    }

    /**
     * Frames of every event after {@code offset} that {@code session} would have received, oldest first; null when
     * the offset is not one of this log's, or events after it were dropped for room.
     */
    List<List<Packet>> after(String offset, SessionRecord session) {
        long sequence = sequenceOf(offset);
        if (sequence < 0 || sequence >= nextSequence || sequence < droppedForRoom) {
            return null;
        }
        List<List<Packet>> missed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.sequence() > sequence && session.wanted(entry.rooms(), entry.except())) {
                missed.add(entry.frames());
            }
        }
        return missed;
    }

    int size() {
        return entries.size();
    }

    private long sequenceOf(String offset) {
        if (offset == null || !offset.startsWith(epoch + "-")) {
            return -1;
        }
        String digits = offset.substring(epoch.length() + 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> Character.digit(c, 36) >= 0)) {
            return -1;
        }
        return Long.parseLong(digits, 36);
    }
}
