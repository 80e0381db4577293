package dev.switchboard.adapter;

import java.util.Set;

/**
 * Which sockets an operation is for: those in any of {@code rooms} (all when empty) and in none of
 * {@code except}; on this node only when {@code local}, else on every node of the cluster.
 */
public record Target(Set<String> rooms, Set<String> except, boolean local) {
    public Target {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    public static Target everyone() {
        return new Target(Set.of(), Set.of(), false);
    }
}
