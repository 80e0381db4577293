package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One event sent to many clients: its frames for this node's clients, encoded once per broadcast, and the event as
 * plain values ({@code [event, ...args]}: maps, lists, strings, numbers, booleans, null, byte[]) for other nodes,
 * made only when an adapter has other nodes to tell.
 *
 * @param encoder the frames of the event, given an offset to append as its last argument (connection state
 *                recovery) or null for none
 */
public record Emission(Function<String, List<Packet>> encoder, Supplier<List<Object>> data) {

    /** The frames as the application emitted the event. */
    public List<Packet> frames() {
        return encoder.apply(null);
    }

    /** The frames with {@code offset} as the event's last argument, as a client that can recover reads it. */
    public List<Packet> frames(String offset) {
        return encoder.apply(offset);
    }
}
