package dev.switchboard.it.support;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.BeforeEvent;
import dev.switchboard.handler.EventRejection;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnAnyEvent;
import dev.switchboard.handler.OnAnyOutgoing;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.OnDisconnect;
import dev.switchboard.handler.OnDisconnecting;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.RemoteSocket;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The "/parity" namespace of the parity suite (src/test/js/parity): the same behaviour as
 * node-parity-server.mjs writes with Node's socket.io, so that one client script shows both servers equal.
 * The contract is the comment at the top of that file.
 */
@Namespace("/parity")
public class ParityNamespace {
    /** The pattern of {@link DynamicParityNamespace}, exactly as its annotation writes it. */
    static final String DYNAMIC = "/dyn-\\d+";

    @Inject
    SocketServer sockets;

    // socket id → names of the events sent to it so far; written on emitting threads
    private final Map<String, List<String>> outgoing = new ConcurrentHashMap<>();

    @OnConnect
    void welcome(SocketClient client) {
        client.emit("welcome", Map.of("namespace", client.namespace()));
    }

    @BeforeEvent
    void guard(String event) {
        if (event.startsWith("forbidden")) {
            throw new EventRejection("forbidden event");
        }
    }

    @OnAnyOutgoing
    void audit(SocketClient client, String event) {
        outgoing.computeIfAbsent(client.id(), id -> new CopyOnWriteArrayList<>()).add(event);
    }

    @OnEvent("echo")
    void echo(SocketClient client, Arguments args, Ack ack) {
        if (ack.requested()) {
            ack.send(args.values().toArray());
        } else {
            client.emit("echo", args.values().toArray());
        }
    }

    /** Never runs in the suite: the middleware stops every "forbidden…" event first. */
    @OnEvent("forbidden-move")
    void move(SocketClient client, Arguments args) {
        client.emit("moved", args.values().toArray());
    }

    @OnEvent("shout")
    Map<String, Object> shout(JsonValue said) {
        sockets.of("/parity").emit("shouted", said);
        return Map.of("ok", true);
    }

    @OnAnyEvent
    void unhandled(SocketClient client, String event, Arguments args, Ack ack) {
        Map<String, Object> body = Map.of("event", event, "args", args.values());
        if (ack.requested()) {
            ack.send(body);
        } else {
            client.emit("unhandled", body);
        }
    }

    @OnEvent("outgoing")
    List<String> outgoing(SocketClient client) {
        return List.copyOf(outgoing.getOrDefault(client.id(), List.of()));
    }

    @OnEvent("join")
    Map<String, Object> join(SocketClient client, String room) {
        client.join(room);
        return Map.of("rooms", roomsOf(client.id(), client.rooms()));
    }

    @OnEvent("rooms")
    Map<String, Object> rooms(SocketClient client) {
        return Map.of("rooms", roomsOf(client.id(), client.rooms()));
    }

    @OnEvent("name")
    Map<String, Object> name(SocketClient client, String name) {
        client.attributes().put("name", name);
        return Map.of("name", client.attribute("name", String.class));
    }

    @OnDisconnecting
    void leaving(SocketClient client) {
        List<String> rooms = roomsOf(client.id(), client.rooms());
        rooms.forEach(room -> client.broadcastTo(room).emit("leaving", Map.of("room", room, "rooms", rooms)));
    }

    @OnDisconnect
    void gone(SocketClient client, String reason) {
        outgoing.remove(client.id());
        sockets.of("/parity").emit("gone", Map.of("rooms", roomsOf(client.id(), client.rooms()), "reason", reason));
    }

    @OnEvent("poll")
    void poll(String room, long timeoutMillis, Ack ack) {
        sockets.of("/parity").to(room).emitWithAck(Duration.ofMillis(timeoutMillis), "question").whenComplete((answers, failure) -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            List<Object> came = cause instanceof AckTimeoutException partial ? partial.responses() : answers;
            List<String> sorted = new ArrayList<>(came.stream().map(String::valueOf).toList());
            sorted.sort(null);
            ack.send(Map.of("answers", sorted, "timedOut", failure != null));
        });
    }

    @OnEvent("round-up")
    CompletionStage<Map<String, Object>> roundUp(String room) {
        return sockets.of("/parity").to(room).fetchSockets().thenApply(found -> {
            for (RemoteSocket socket : found) {
                Map<String, Object> notice = new HashMap<>();
                notice.put("name", socket.data().get("name"));
                notice.put("rooms", roomsOf(socket.id(), socket.rooms()));
                socket.emit("notice", notice);
                socket.leave(room);
                socket.join("elsewhere");
            }
            return Map.of("count", found.size());
        });
    }

    @OnEvent("eject")
    CompletionStage<Map<String, Object>> eject(String room) {
        return sockets.of("/parity").to(room).fetchSockets().thenApply(found -> {
            found.forEach(socket -> socket.disconnect(false));
            return Map.of("count", found.size());
        });
    }

    @OnEvent("announce")
    Map<String, Object> announce(String text) {
        sockets.ofPattern(DYNAMIC).emit("news", text);
        return Map.of("ok", true);
    }

    @OnEvent("namespaces")
    Map<String, Object> namespaces() {
        return Map.of("namespaces", sockets.namespaces().stream().filter(name -> name.startsWith("/dyn-")).sorted().toList());
    }

    /** A socket's rooms, sorted, its own room left out. */
    private static List<String> roomsOf(String id, Set<String> rooms) {
        return rooms.stream().filter(room -> !room.equals(id)).sorted().toList();
    }
}
