package dev.switchboard.adapter.redis;

import java.util.Optional;
import java.util.regex.Pattern;

/** A Redis stream entry id, {@code <ms>-<seq>}: an event's offset with adapter=redis-streams. Ordered as Redis orders them. */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {
    private static final Pattern FORM = Pattern.compile("[0-9]{1,19}-[0-9]{1,19}");

    static final StreamId ZERO = new StreamId(0, 0);

    /** The id, or empty for anything that is not one (a client may send any string as its offset). */
    static Optional<StreamId> parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        try {
            return Optional.of(new StreamId(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** The smallest id after this one: an exclusive start for XRANGE, as Node's adapter computes it. */
    StreamId next() {
        return sequence == Long.MAX_VALUE ? new StreamId(millis + 1, 0) : new StreamId(millis, sequence + 1);
    }

    @Override
    public int compareTo(StreamId other) {
        int byTime = Long.compare(millis, other.millis);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
