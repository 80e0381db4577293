package dev.switchboard.admin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboards logged in on this node, by socket id: while there are none, nothing is sent to them or made for
 * them. Thread-safe: a concurrent set, read on every event of every socket.
 */
final class Dashboards {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    void add(String socketId) {
        ids.add(socketId);
    }

    void remove(String socketId) {
        ids.remove(socketId);
    }

    boolean any() {
        return !ids.isEmpty();
    }
}
