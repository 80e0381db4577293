package dev.switchboard.metrics;

import dev.switchboard.socketio.SocketIoObserver;

import java.util.concurrent.atomic.LongAdder;

/** The Socket.IO layer's counters, by namespace. Called from session executors at once; all fields are thread-safe. */
public final class SocketIoMetrics implements SocketIoObserver {
    final LabeledCounter connects = new LabeledCounter();
    final LabeledCounter disconnects = new LabeledCounter();
    final LabeledCounter connectErrors = new LabeledCounter();
    final LabeledCounter ackTimeouts = new LabeledCounter();
    final LongAdder unknownNamespaces = new LongAdder();
    final LabeledCounter recovered = new LabeledCounter();
    final LabeledCounter notRecovered = new LabeledCounter();

    @Override
    public void joined(String namespace) {
        connects.increment(namespace);
    }

    @Override
    public void left(String namespace) {
        disconnects.increment(namespace);
    }

    @Override
    public void connectRefused(String namespace) {
        connectErrors.increment(namespace);
    }

    @Override
    public void unknownNamespace() {
        unknownNamespaces.increment();
    }

    @Override
    public void recovery(String namespace, boolean success) {
        (success ? recovered : notRecovered).increment(namespace);
    }

    @Override
    public void ackTimedOut(String namespace) {
        ackTimeouts.increment(namespace);
    }
}
