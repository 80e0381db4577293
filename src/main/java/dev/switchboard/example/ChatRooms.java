package dev.switchboard.example;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who is in which chat room, by name, in the order they joined. */
@ApplicationScoped
public class ChatRooms {
    // guarded by this: room → (socket id → name), insertion-ordered
    private final Map<String, LinkedHashMap<String, String>> rooms = new HashMap<>();

    /** @return the members' names after joining, in join order */
    public synchronized List<String> join(String room, String socketId, String name) {
        LinkedHashMap<String, String> members = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
        members.put(socketId, name);
        return new ArrayList<>(members.values());
    }

    /** @return the name the socket had in the room, or null when it was not there */
    public synchronized String leave(String room, String socketId) {
        LinkedHashMap<String, String> members = rooms.get(room);
        if (members == null) {
            return null;
        }
        String name = members.remove(socketId);
        if (members.isEmpty()) {
            rooms.remove(room);
        }
        return name;
    }

    public synchronized String nameIn(String room, String socketId) {
        LinkedHashMap<String, String> members = rooms.get(room);
        return members == null ? null : members.get(socketId);
    }

    public synchronized List<String> members(String room) {
        LinkedHashMap<String, String> members = rooms.get(room);
        return members == null ? List.of() : new ArrayList<>(members.values());
    }
}
