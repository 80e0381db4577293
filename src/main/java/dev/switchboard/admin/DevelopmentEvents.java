package dev.switchboard.admin;

import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.SocketActivity;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Admin UI's development mode: each socket's connect and disconnect, rooms joined and left, attributes changed,
 * events in and out, sent to every dashboard as Node's server sends them ({@code socket_connected},
 * {@code socket_disconnected}, {@code room_joined}, {@code room_left}, {@code socket_updated}, {@code event_received},
 * {@code event_sent}), with ISO timestamps. Only while a dashboard is logged in on this node; through the adapter, so
 * the dashboards of other nodes hear of this node's sockets too. Called on the threads where things happen: it only
 * encodes and queues.
 */
final class DevelopmentEvents implements SocketActivity {
    private final Dashboards dashboards;
    private final SocketServer sockets;

    DevelopmentEvents(Dashboards dashboards, SocketServer sockets) {
        this.dashboards = dashboards;
        this.sockets = sockets;
    }

    @Override
    public boolean watching() {
        return dashboards.any();
    }

    @Override
    public void connected(SocketClient socket) {
        tell("socket_connected", SocketDescription.of(socket), now());
    }

    @Override
    public void disconnected(SocketClient socket, String reason, Set<String> rooms) {
        String at = now();
        tell("socket_disconnected", socket.namespace(), socket.id(), reason, at);
        rooms.forEach(room -> tell("room_left", socket.namespace(), room, socket.id(), at));
    }

    @Override
    public void joined(SocketClient socket, Set<String> rooms) {
        String at = now();
        rooms.forEach(room -> tell("room_joined", socket.namespace(), room, socket.id(), at));
    }

    @Override
    public void left(SocketClient socket, Set<String> rooms) {
        String at = now();
        rooms.forEach(room -> tell("room_left", socket.namespace(), room, socket.id(), at));
    }

    @Override
    public void upgraded(SocketClient socket) {
        tell("socket_updated", Map.of("id", socket.id(), "nsp", socket.namespace(), "transport", socket.transport()));
    }

    @Override
    public void updated(SocketClient socket) {
        tell("socket_updated", Map.of("id", socket.id(), "nsp", socket.namespace(),
                "data", new TreeMap<>(socket.attributes())));
    }

    @Override
    public void received(SocketClient socket, String event, Arguments args) {
        tell("event_received", socket.namespace(), socket.id(), withName(event, args), now());
    }

    @Override
    public void sent(SocketClient socket, String event, Arguments args) {
        tell("event_sent", socket.namespace(), socket.id(), withName(event, args), now());
    }

    private static List<Object> withName(String event, Arguments args) {
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(event);
        all.addAll(args.values());
        return all;
    }

    private void tell(String event, Object... args) {
        sockets.of(AdminUi.NAMESPACE).emit(event, args);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
