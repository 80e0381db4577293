package dev.switchboard.example;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Who is in which chat room, by name, in the order they joined; the ids of the messages said lately; and the last
 * messages of each room, for a member coming back after its link dropped. Memory is bounded whatever clients do:
 * ids per room and rooms remembered are capped, and the kept messages' text by one budget for all rooms.
 */
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

    /** Messages kept per room for members coming back. */
    static final int HISTORY = 50;
    /** Characters of text kept in all rooms' history together; the rooms said in least recently go first. */
    static final long HISTORY_CHARS = 2_000_000;
    // guarded by this: room → its last HISTORY messages, oldest first; access-ordered, so the first entry is the
    // room said in least recently
    private final LinkedHashMap<String, ArrayDeque<ChatNamespace.Message>> history = new LinkedHashMap<>(16, 0.75f, true);
    // guarded by this: the text characters of every message in history
    private long historyChars;

    /** Keeps a message for {@link #saidSince}, dropping the room's oldest past HISTORY and whole rooms past the budget. */
    public synchronized void keep(ChatNamespace.Message message) {
        ArrayDeque<ChatNamespace.Message> kept = history.computeIfAbsent(message.room(), r -> new ArrayDeque<>());
        kept.addLast(message);
        historyChars += message.text().length();
        if (kept.size() > HISTORY) {
            historyChars -= kept.removeFirst().text().length();
        }
        Iterator<ArrayDeque<ChatNamespace.Message>> oldest = history.values().iterator();
        while (historyChars > HISTORY_CHARS && oldest.hasNext()) {
            ArrayDeque<ChatNamespace.Message> dropped = oldest.next();
            if (dropped == kept) {
                break; // the room just said in keeps at least this message
            }
            dropped.forEach(m -> historyChars -= m.text().length());
            oldest.remove();
        }
    }

    /** @return the room's kept messages said at or after {@code since} (server time, ms), oldest first */
    public synchronized List<ChatNamespace.Message> saidSince(String room, long since) {
        ArrayDeque<ChatNamespace.Message> kept = history.get(room);
        return kept == null ? List.of() : kept.stream().filter(m -> m.ts() >= since).toList();
    }

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
