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
 * uses it, and the README's handler guide walks through it.
 */
@Namespace("/chat")
public class ChatNamespace {
    static final int MAX_ROOM = 64;
    static final int MAX_NAME = 32;
    static final int MAX_TEXT = 2000;

    public record Join(String room, String name) {
    }

    public record Say(String room, String text) {
    }

    public record Leave(String room) {
    }

    public record Members(String room, List<String> members) {
    }

    public record Presence(String room, String name) {
    }

    public record Message(String room, String name, String text, long ts) {
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
        if (say == null || invalid(say.room(), MAX_ROOM) || invalid(say.text(), MAX_TEXT)) {
            return error("say needs {room, text}");
        }
        String name = rooms.nameIn(say.room(), client.id());
        if (name == null) {
            return error("join the room first");
        }
        Message message = new Message(say.room(), name, say.text(), System.currentTimeMillis());
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
