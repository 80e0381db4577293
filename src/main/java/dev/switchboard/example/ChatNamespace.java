package dev.switchboard.example;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnAnyEvent;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.OnDisconnecting;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.OnServerEvent;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The example chat: join a room under a name, say something to it, see who is there. The console page
 * uses it, and docs/handlers.md walks through it.
 */
@Namespace("/chat")
public class ChatNamespace {
    static final int MAX_ROOM = 64;
    static final int MAX_NAME = 32;
    static final int MAX_TEXT = 2000;
    static final int MAX_ID = 64;
    static final Duration ROLLCALL_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param since optional: the server time (ms) of the last message or join reply this client saw in the room;
     *              the reply then carries what was said since, for a client coming back after its link dropped
     */
    public record Join(String room, String name, Long since) {
    }

    /** @param id the sender's id for this message, optional: a repeat with the same id is acknowledged, not sent */
    public record Say(String room, String text, String id) {
    }

    public record Leave(String room) {
    }

    /**
     * @param ts     the server time of this reply: the {@code since} of the client's next join, if nothing is said
     * @param missed the messages said since the join's {@code since}, oldest first (empty without one)
     */
    public record Members(String room, List<String> members, long ts, List<Message> missed) {
    }

    public record Presence(String room, String name) {
    }

    /** @param id the sender's id for the message, or null (then left out) */
    public record Message(String room, String name, String text, long ts, String id) {
    }

    @Inject
    ChatRooms rooms;

    @Inject
    SocketServer sockets;

    @OnEvent("join")
    Object join(SocketClient client, Join join) {
        if (join == null || invalid(join.room(), MAX_ROOM) || invalid(join.name(), MAX_NAME)) {
            return error("join needs {room, name}");
        }
        long now = System.currentTimeMillis();
        List<String> here = rooms.join(join.room(), client.id(), join.name());
        List<Message> missed = join.since() == null ? List.of() : rooms.saidSince(join.room(), join.since());
        client.attributes().put("name", join.name()); // how the other nodes see this member (fetchSockets' data)
        client.join(join.room());
        client.broadcastTo(join.room()).emit("joined", new Presence(join.room(), join.name()));
        // this node's members in join order, then those connected to other nodes of a cluster
        return sockets.of("/chat").to(join.room()).fetchSockets().thenApply(everyone -> {
            List<String> members = new ArrayList<>(here);
            everyone.stream().filter(socket -> sockets.socket("/chat", socket.id()).isEmpty())
                    .map(socket -> socket.data().get("name")).filter(String.class::isInstance).map(String.class::cast)
                    .forEach(members::add);
            return new Members(join.room(), members, now, missed);
        });
    }

    @OnEvent("say")
    Object say(SocketClient client, Say say) {
        if (say == null || invalid(say.room(), MAX_ROOM) || invalid(say.text(), MAX_TEXT)
                || (say.id() != null && invalid(say.id(), MAX_ID))) {
            return error("say needs {room, text}");
        }
        String name = rooms.nameIn(say.room(), client.id());
        if (name == null) {
            return error("join the room first");
        }
        if (say.id() != null && !rooms.firstSaid(say.room(), name + "\n" + say.id())) {
            // a client sends again when its link dropped before our ack: it was delivered, it is acknowledged
            return Map.of("ok", true);
        }
        Message message = new Message(say.room(), name, say.text(), System.currentTimeMillis(), say.id());
        rooms.keep(message); // for members whose link is down now: their re-join asks for it
        client.broadcastTo(say.room()).emit("message", message);
        client.emit("message", message); // the room includes the sender
        return Map.of("ok", true);
    }

    @OnEvent("leave")
    Object leave(SocketClient client, Leave leave) {
        if (leave == null || invalid(leave.room(), MAX_ROOM)) {
            return error("leave needs {room}");
        }
        leaveRoom(client, leave.room());
        return Map.of("ok", true);
    }

    /**
     * How the chat is spread over the cluster: this node's client count first, then every other node's (asked with a
     * server-side event); a node that does not answer within redisRequestTimeout is left out. One entry alone
     * without a cluster adapter.
     */
    @OnEvent("nodes")
    CompletionStage<Map<String, Object>> nodes() {
        Map<String, Object> here = count();
        return sockets.serverSideEmitWithAck("/chat", "count").handle((others, failure) -> {
            List<Object> all = new ArrayList<>();
            all.add(here);
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause instanceof AckTimeoutException partial) {
                all.addAll(partial.responses());
            } else if (others != null) {
                all.addAll(others);
            }
            return Map.of("nodes", all);
        });
    }

    /**
     * A roll call: everyone else in the room, on every node, is asked to answer a {@code rollcall} event within
     * {@link #ROLLCALL_TIMEOUT}; the reply lists the answers that came, and whether all did.
     */
    @OnEvent("rollcall")
    CompletionStage<Map<String, Object>> rollcall(SocketClient client, Leave request) {
        if (request == null || invalid(request.room(), MAX_ROOM)) {
            return CompletableFuture.completedFuture(Map.of("error", "rollcall needs {room}"));
        }
        return sockets.of("/chat").to(request.room()).except(client.id())
                .emitWithAck(ROLLCALL_TIMEOUT, "rollcall", Map.of("room", request.room()))
                .handle((answers, failure) -> {
                    Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
                    List<Object> came = cause instanceof AckTimeoutException partial ? partial.responses()
                            : answers != null ? answers : List.of();
                    return Map.of("answers", came, "complete", failure == null);
                });
    }

    /** Another node asks for this node's share of the chat (the {@code nodes} event). */
    @OnServerEvent("count")
    Map<String, Object> count() {
        return Map.of("clients", sockets.of("/chat").local().socketIds().size());
    }

    /**
     * Any event the chat does not know (the catch-all): a client that asked for an answer is told so, instead of
     * waiting for an acknowledgement that never comes; one that did not is ignored. The name is cut short: it is
     * the client's text.
     */
    @OnAnyEvent
    void unknown(String event, Ack ack) {
        if (ack.requested()) {
            ack.send(error("unknown event '" + (event.length() > MAX_ID ? event.substring(0, MAX_ID) + "…" : event) + "'"));
        }
    }

    /** Round trip for latency probes: acknowledges with the arguments it got. */
    @OnEvent("latency")
    void latency(Arguments args, Ack ack) {
        ack.send(args.values().toArray());
    }

    /**
     * A member whose link dropped and who came back with connection state recovery: still in its rooms (the socket
     * was recovered), it is listed again and the others hear it is back; its page does not join again.
     */
    @OnConnect
    void connected(SocketClient client) {
        if (!client.recovered() || !(client.attributes().get("name") instanceof String name)) {
            return;
        }
        client.rooms().stream().filter(room -> !room.equals(client.id())).forEach(room -> {
            rooms.join(room, client.id(), name);
            client.broadcastTo(room).emit("joined", new Presence(room, name));
        });
    }

    /**
     * A member leaving: each of its rooms hears who left while it is still in them (it leaves them just after, and
     * a socket kept for recovery keeps them).
     */
    @OnDisconnecting
    void left(SocketClient client) {
        client.rooms().stream().filter(room -> !room.equals(client.id())).forEach(room -> announceLeaving(client, room));
    }

    private void leaveRoom(SocketClient client, String room) {
        client.leave(room);
        announceLeaving(client, room);
    }

    private void announceLeaving(SocketClient client, String room) {
        String name = rooms.leave(room, client.id());
        if (name != null) {
            client.broadcastTo(room).emit("left", new Presence(room, name));
        }
    }

    private static boolean invalid(String value, int maxLength) {
        return value == null || value.isBlank() || value.length() > maxLength;
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }
}
