package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.function.Supplier;

/**
 * One event sent to many clients: the frames for this node's clients, encoded once, and the event as plain values
 * ({@code [event, ...args]}: maps, lists, strings, numbers, booleans, null, byte[]) for other nodes, made only
 * when an adapter has other nodes to tell.
 */
public record Emission(List<Packet> frames, Supplier<List<Object>> data) {
}
