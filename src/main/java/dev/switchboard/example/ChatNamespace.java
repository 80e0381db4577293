package dev.switchboard.example;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnDisconnect;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.SocketClient;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

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

    @OnEvent("join")
    Object join(SocketClient client, Join join) {
        if (join == null || invalid(join.room(), MAX_ROOM) || invalid(join.name(), MAX_NAME)) {
            return error("join needs {room, name}");
        }
        long now = System.currentTimeMillis();
        List<String> members = rooms.join(join.room(), client.id(), join.name());
        List<Message> missed = join.since() == null ? List.of() : rooms.saidSince(join.room(), join.since());
        client.join(join.room());
        client.broadcastTo(join.room()).emit("joined", new Presence(join.room(), join.name()));
        return new Members(join.room(), members, now, missed);
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

    /** Round trip for latency probes: acknowledges with the arguments it got. */
    @OnEvent("latency")
    void latency(Arguments args, Ack ack) {
        ack.send(args.values().toArray());
    }

    @OnDisconnect
    void left(SocketClient client) {
        client.rooms().stream().filter(room -> !room.equals(client.id())).forEach(room -> leaveRoom(client, room));
    }

    private void leaveRoom(SocketClient client, String room) {
        String name = rooms.leave(room, client.id());
        client.leave(room);
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
