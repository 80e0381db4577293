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

    public record Join(String room, String name) {
    }

    /** @param id the sender's id for this message, optional: a repeat with the same id is acknowledged, not sent */
    public record Say(String room, String text, String id) {
    }

    public record Leave(String room) {
    }

    public record Members(String room, List<String> members) {
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
        List<String> members = rooms.join(join.room(), client.id(), join.name());
        client.join(join.room());
        client.broadcastTo(join.room()).emit("joined", new Presence(join.room(), join.name()));
        return new Members(join.room(), members);
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
