package dev.switchboard.example;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Who is in which chat room, by name, in the order they joined; and the ids of the messages said lately. */
@ApplicationScoped
public class ChatRooms {
    /** Message ids remembered per room: enough to recognise a repeat sent after a reconnect. */
    static final int RECENT_IDS = 1000;
    /** Rooms whose ids are remembered, the least recently used forgotten first. */
    static final int REMEMBERED_ROOMS = 10_000;
    // guarded by this: room → (socket id → name), insertion-ordered
    private final Map<String, LinkedHashMap<String, String>> rooms = new HashMap<>();
    // guarded by this: room → the last RECENT_IDS message ids said in it, oldest first. Kept when the room empties:
    // its last member may be the one coming back to send a message again.
    private final Map<String, LinkedHashSet<String>> recentIds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashSet<String>> eldest) {
            return size() > REMEMBERED_ROOMS;
        }
    };

    /** @return whether this message id is new in the room (and now remembered), false for a repeat */
    public synchronized boolean firstSaid(String room, String id) {
        LinkedHashSet<String> ids = recentIds.computeIfAbsent(room, r -> new LinkedHashSet<>());
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > RECENT_IDS) {
            ids.remove(ids.iterator().next());
        }
        return true;
    }

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
