/**
 * Counters for operations: implements the observers the engine and the Socket.IO layer own
 * ({@link dev.switchboard.engine.EngineObserver}, {@link dev.switchboard.socketio.SocketIoObserver}) and writes
 * them, with gauges read at scrape time, in the Prometheus text format. The protocol layers know nothing of
 * this package; it is the one place that knows both layers' observers, so neither depends on the other or on
 * the REST API. Counting on the hot path is a map read and a {@link java.util.concurrent.atomic.LongAdder} add;
 * everything else happens when {@code /api/metrics} is scraped.
 */
package dev.switchboard.metrics;
