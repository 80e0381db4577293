package dev.switchboard.metrics;

import java.util.Map;

/**
 * The engine's counters at one moment, all since the deployment started: what a watcher that reports changes
 * (the Admin UI's statistics) subtracts from the next one.
 *
 * @param connections Engine.IO sessions opened
 * @param closes      sessions closed, by their close reason as the protocol names it ("transport close", ...)
 */
public record Traffic(long connections, Map<String, Long> closes, long packetsIn, long bytesIn, long packetsOut, long bytesOut) {

    public Traffic {
        closes = Map.copyOf(closes);
    }
}
