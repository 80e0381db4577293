package dev.switchboard.metrics;

import dev.switchboard.adapter.Adapters;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.EngineSession;
import dev.switchboard.engine.Limit;
import dev.switchboard.handler.SocketServer;
import dev.switchboard.metrics.PrometheusWriter.Type;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything {@code GET /api/metrics} shows: the counters, and gauges read now from the engine (sessions,
 * waiting polls) and from the public {@link SocketServer} API (clients and rooms per namespace). Reading the
 * gauges walks the open sessions once per scrape; nothing is kept up to date on the hot path for them.
 */
@ApplicationScoped
public class PrometheusExposition {

    @Inject
    EngineServer engine;

    @Inject
    SocketServer sockets;

    @Inject
    EngineMetrics engineMetrics;

    @Inject
    SocketIoMetrics socketIoMetrics;

    @Inject
    Adapters adapters;

    public String scrape() {
        PrometheusWriter out = new PrometheusWriter();
        engineGauges(out);
        engineCounters(out);
        socketIo(out);
        cluster(out);
        heap(out);
        return out.toString();
    }

    /**
     * The JVM's heap: what is in use now (live objects and garbage not yet collected), and what the last collection
     * of each heap pool left, the better measure of what the server holds (a client's backlog, say).
     */
    private void heap(PrometheusWriter out) {
        out.family("switchboard_jvm_heap_used_bytes", Type.GAUGE, "Heap in use now, garbage included")
                .sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        long afterCollection = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collected = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            afterCollection += collected == null ? 0 : collected.getUsed();
        }
        out.family("switchboard_jvm_heap_after_gc_bytes", Type.GAUGE,
                "Heap in use after the last collection of each heap pool: what the server holds")
                .sample(afterCollection);
        out.family("switchboard_jvm_heap_max_bytes", Type.GAUGE, "Most heap the JVM may use (-Xmx)")
                .sample(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    }

    /** With a cluster adapter: the link to the other nodes and the traffic on it. */
    private void cluster(PrometheusWriter out) {
        adapters.stats().ifPresent(stats -> {
            out.family("switchboard_cluster_connected", Type.GAUGE, "1 while this node is connected to Redis, else 0")
                    .sample(adapters.connected() ? 1 : 0);
            out.family("switchboard_cluster_published_total", Type.COUNTER, "Messages published to the other nodes")
                    .sample(stats.published.sum());
            out.family("switchboard_cluster_publish_failures_total", Type.COUNTER,
                    "Messages for the other nodes lost: Redis unreachable or the publish failed")
                    .sample(stats.publishFailures.sum());
            out.family("switchboard_cluster_received_total", Type.COUNTER, "Messages received from Redis")
                    .sample(stats.received.sum());
            out.family("switchboard_cluster_malformed_total", Type.COUNTER, "Messages from Redis dropped as unreadable")
                    .sample(stats.malformed.sum());
            out.family("switchboard_cluster_request_timeouts_total", Type.COUNTER,
                    "Requests to the other nodes that ended without every answer (a node left or was slow)")
                    .sample(stats.requestTimeouts.sum());
        });
    }

    private void engineGauges(PrometheusWriter out) {
        Map<String, Long> byTransport = new TreeMap<>(Map.of("polling", 0L, "websocket", 0L));
        long buffered = 0;
        for (EngineSession session : engine.sessions()) {
            byTransport.merge(session.transport().name(), 1L, Long::sum);
            buffered += session.bufferedBytes();
        }
        out.family("switchboard_engine_buffered_bytes", Type.GAUGE,
                "Bytes waiting to be written to clients, for a poll or in a WebSocket's outbox (each client's share is bounded by maxBufferedBytes)")
                .sample(buffered);
        out.family("switchboard_engine_sessions", Type.GAUGE, "Open Engine.IO sessions (connected clients) by transport");
        byTransport.forEach((transport, count) -> out.sample(Map.of("transport", transport), count));
        out.family("switchboard_engine_sessions_limit", Type.GAUGE, "Most open sessions allowed (maxConnections)")
                .sample(engine.connections().limit());
        out.family("switchboard_engine_connections", Type.GAUGE,
                "Places taken among maxConnections: open sessions, and closed ones whose connection is not gone yet")
                .sample(engine.connections().used());
        out.family("switchboard_engine_polls_in_flight", Type.GAUGE, "Long-polling GET requests waiting for packets")
                .sample(engine.polls().used());
        out.family("switchboard_engine_polls_in_flight_limit", Type.GAUGE, "Most waiting polls allowed (maxPollsInFlight)")
                .sample(engine.polls().limit());
        out.family("switchboard_engine_accepting", Type.GAUGE, "1 while handshakes are accepted, 0 while draining for undeploy")
                .sample(engine.accepting() ? 1 : 0);
    }

    private void engineCounters(PrometheusWriter out) {
        EngineMetrics m = engineMetrics;
        out.family("switchboard_engine_handshakes_total", Type.COUNTER, "Sessions opened, by the transport of the handshake");
        Map<String, Long> handshakes = new TreeMap<>(Map.of("polling", 0L, "websocket", 0L));
        handshakes.putAll(m.handshakes.snapshot());
        handshakes.forEach((transport, count) -> out.sample(Map.of("transport", transport), count));

        out.family("switchboard_engine_handshake_errors_total", Type.COUNTER,
                "Handshakes refused, by Engine.IO error code and name");
        m.handshakeErrors.forEach((error, count) -> out.sample(labels("code", String.valueOf(error.code()), "error", error.name()), count.sum()));

        out.family("switchboard_engine_upgrades_total", Type.COUNTER, "Sessions upgraded from one transport to another");
        Map<String, Long> upgrades = new TreeMap<>(Map.of("polling>websocket", 0L));
        upgrades.putAll(m.upgrades.snapshot());
        upgrades.forEach((pair, count) -> {
            String[] fromTo = pair.split(">", 2);
            out.sample(labels("from", fromTo[0], "to", fromTo[1]), count);
        });

        out.family("switchboard_engine_disconnects_total", Type.COUNTER, "Sessions closed, by close reason");
        m.closes.forEach((reason, count) -> out.sample(Map.of("reason", reason.wireName()), count.sum()));
        out.family("switchboard_engine_ping_timeouts_total", Type.COUNTER, "Sessions closed because no pong came within pingTimeout")
                .sample(m.closes.get(CloseReason.PING_TIMEOUT).sum());

        out.family("switchboard_engine_origin_refusals_total", Type.COUNTER,
                "Requests from browser pages on origins outside the allowlist, refused (cross-site WebSocket hijacking attempts)");
        Map<String, Long> origins = new TreeMap<>(Map.of("polling", 0L, "websocket", 0L));
        origins.putAll(m.originRefusals.snapshot());
        origins.forEach((transport, count) -> out.sample(Map.of("transport", transport), count));

        out.family("switchboard_limit_refusals_total", Type.COUNTER,
                "Clients turned away or connections closed because a limit was reached, by limit");
        for (Limit limit : Limit.values()) {
            out.sample(Map.of("limit", limit.label()), m.limitRefusals.get(limit).sum());
        }

        out.family("switchboard_engine_packets_received_total", Type.COUNTER, "Engine.IO packets received from clients")
                .sample(m.packetsReceived.sum());
        out.family("switchboard_engine_packets_sent_total", Type.COUNTER, "Engine.IO packets sent to clients")
                .sample(m.packetsSent.sum());
        out.family("switchboard_engine_volatile_dropped_total", Type.COUNTER,
                "Volatile packets dropped because the client's transport could not take them at once")
                .sample(m.volatileDropped.sum());
        out.family("switchboard_engine_received_bytes_total", Type.COUNTER,
                "Payload received: polling bodies and binary frames in bytes, WebSocket text frames in characters")
                .sample(m.bytesReceived.sum());
        out.family("switchboard_engine_sent_bytes_total", Type.COUNTER,
                "Payload sent: polling bodies and binary frames in bytes, WebSocket text frames in characters")
                .sample(m.bytesSent.sum());
    }

    private void socketIo(PrometheusWriter out) {
        Set<String> namespaces = sockets.namespaces();
        out.family("switchboard_socketio_clients", Type.GAUGE, "Clients connected to a namespace");
        for (String namespace : namespaces) {
            out.sample(Map.of("namespace", namespace), sockets.of(namespace).socketIds().size());
        }
        out.family("switchboard_socketio_rooms", Type.GAUGE, "Rooms with at least one client, not counting each client's own room");
        for (String namespace : namespaces) {
            Set<String> ids = sockets.of(namespace).socketIds();
            long rooms = sockets.rooms(namespace).keySet().stream().filter(room -> !ids.contains(room)).count();
            out.sample(Map.of("namespace", namespace), rooms);
        }
        SocketIoMetrics m = socketIoMetrics;
        perNamespace(out, "switchboard_socketio_connects_total", "Clients that joined a namespace", m.connects, namespaces);
        perNamespace(out, "switchboard_socketio_disconnects_total", "Clients that left a namespace", m.disconnects, namespaces);
        perNamespace(out, "switchboard_socketio_connect_errors_total", "Clients a namespace's handler refused", m.connectErrors, namespaces);
        out.family("switchboard_socketio_unknown_namespace_total", Type.COUNTER, "CONNECT packets for namespaces that do not exist")
                .sample(m.unknownNamespaces.sum());
        perNamespace(out, "switchboard_socketio_ack_timeouts_total",
                "Acknowledgements the server asked for that did not come in time", m.ackTimeouts, namespaces);
        perNamespace(out, "switchboard_socketio_recovered_total",
                "Clients that came back with their session (connection state recovery)", m.recovered, namespaces);
        perNamespace(out, "switchboard_socketio_recovery_failures_total",
                "Clients that asked to recover a session and got a new one (unknown, expired, or missed too much)",
                m.notRecovered, namespaces);
    }

    private static void perNamespace(PrometheusWriter out, String name, String help, LabeledCounter counter, Set<String> namespaces) {
        out.family(name, Type.COUNTER, help);
        for (String namespace : namespaces) {
            out.sample(Map.of("namespace", namespace), counter.get(namespace));
        }
    }

    private static Map<String, String> labels(String name1, String value1, String name2, String value2) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(name1, value1);
        labels.put(name2, value2);
        return labels;
    }
}
