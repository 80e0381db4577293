package dev.switchboard.metrics;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Limit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's counters. Called from container threads and session executors at once: every field is a
 * {@link LongAdder}, or a map filled in the constructor and only read afterwards, or a {@link LabeledCounter}.
 */
public final class EngineMetrics implements EngineObserver {
    final LabeledCounter handshakes = new LabeledCounter();
    final LabeledCounter upgrades = new LabeledCounter();
    final LabeledCounter originRefusals = new LabeledCounter();
    final Map<CloseReason, LongAdder> closes = filled(CloseReason.class);
    final Map<EngineError, LongAdder> handshakeErrors = filled(EngineError.class);
    final Map<Limit, LongAdder> limitRefusals = filled(Limit.class);
    final LongAdder packetsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder packetsSent = new LongAdder();
    final LongAdder volatileDropped = new LongAdder();
    final LongAdder bytesSent = new LongAdder();

    @Override
    public void sessionOpened(String transport) {
        handshakes.increment(transport);
    }

    @Override
    public void sessionClosed(String transport, CloseReason reason) {
        closes.get(reason).increment();
    }

    @Override
    public void upgraded(String from, String to) {
        upgrades.increment(from + ">" + to);
    }

    @Override
    public void handshakeRefused(EngineError error) {
        handshakeErrors.get(error).increment();
    }

    @Override
    public void originRefused(String transport) {
        originRefusals.increment(transport);
    }

    @Override
    public void limitReached(Limit limit) {
        limitRefusals.get(limit).increment();
    }

    @Override
    public void volatileDropped() {
        volatileDropped.increment();
    }

    @Override
    public void received(int packets, long size) {
        packetsReceived.add(packets);
        bytesReceived.add(size);
    }

    @Override
    public void sent(int packets, long size) {
        packetsSent.add(packets);
        bytesSent.add(size);
    }

    /** The counters now, for watchers that report what changed since they last looked. */
    public Traffic traffic() {
        Map<String, Long> closed = new java.util.TreeMap<>();
        closes.forEach((reason, count) -> closed.put(reason.wireName(), count.sum()));
        return new Traffic(handshakes.total(), closed, packetsReceived.sum(), bytesReceived.sum(), packetsSent.sum(), bytesSent.sum());
    }

    private static <E extends Enum<E>> Map<E, LongAdder> filled(Class<E> type) {
        Map<E, LongAdder> map = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            map.put(constant, new LongAdder());
        }
        return Collections.unmodifiableMap(map);
    }
}
