package dev.switchboard.bench.netty;

/** The payload of the bench namespace's {@code broadcast} event; {@code size} is 0 when absent. */
public record BroadcastRequest(String room, int count, double rate, int size) {
}
