package dev.switchboard.admin;

import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.EngineSession;
import dev.switchboard.handler.SocketServer;
import dev.switchboard.metrics.EngineMetrics;
import dev.switchboard.metrics.Traffic;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The {@code server_stats} the dashboard charts, as Node's server sends them every 2 s: this node's id, host, pid and
 * uptime, its open Engine.IO connections (and how many poll), the clients of each namespace, and the traffic since
 * the last report ({@code rawConnection}, {@code rawDisconnection} by close reason, {@code packetsIn/Out},
 * {@code bytesIn/Out}: the engine's own counters, those of {@code /api/metrics}). Only the stats thread calls
 * {@link #next}: the previous counters are confined to it.
 */
final class ServerStats {
    private final String serverId;
    private final String hostname;
    private final EngineServer engine;
    private final EngineMetrics metrics;
    private final SocketServer sockets;
    private final LongSupplier clock;
    // the counters at the last report; only the stats thread touches it
    private Traffic last;

    ServerStats(String serverId, String hostname, EngineServer engine, EngineMetrics metrics, SocketServer sockets, LongSupplier clock) {
        this.serverId = serverId;
        this.hostname = hostname;
        this.engine = engine;
        this.metrics = metrics;
        this.sockets = sockets;
        this.clock = clock;
        this.last = metrics.traffic();
    }

    Map<String, Object> next() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("serverId", serverId);
        stats.put("hostname", hostname);
        stats.put("pid", ProcessHandle.current().pid());
        stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        int clients = 0;
        int polling = 0;
        for (EngineSession session : engine.sessions()) {
            clients++;
            if ("polling".equals(session.transport().name())) {
                polling++;
            }
        }
        stats.put("clientsCount", clients);
        stats.put("pollingClientsCount", polling);
        stats.put("aggregatedEvents", aggregatedEvents());
        List<Map<String, Object>> namespaces = new ArrayList<>();
        for (String name : sockets.namespaces()) {
            namespaces.add(Map.of("name", name, "socketsCount", sockets.of(name).local().socketIds().size()));
        }
        stats.put("namespaces", namespaces);
        return stats;
    }

    /** What changed since the last report, stamped with this second (the dashboard sums them in 10-s buckets). */
    private List<Map<String, Object>> aggregatedEvents() {
        Traffic now = metrics.traffic();
        long second = clock.getAsLong() / 1000 * 1000;
        List<Map<String, Object>> events = new ArrayList<>();
        add(events, second, "rawConnection", null, now.connections() - last.connections());
        now.closes().forEach((reason, count) -> add(events, second, "rawDisconnection", reason, count - last.closes().getOrDefault(reason, 0L)));
        add(events, second, "packetsIn", null, now.packetsIn() - last.packetsIn());
        add(events, second, "bytesIn", null, now.bytesIn() - last.bytesIn());
        add(events, second, "packetsOut", null, now.packetsOut() - last.packetsOut());
        add(events, second, "bytesOut", null, now.bytesOut() - last.bytesOut());
        last = now;
        return events;
    }

    private static void add(List<Map<String, Object>> events, long timestamp, String type, String subType, long count) {
        if (count <= 0) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("timestamp", timestamp);
        event.put("type", type);
        if (subType != null) {
            event.put("subType", subType);
        }
        event.put("count", count);
        events.add(event);
    }
}
