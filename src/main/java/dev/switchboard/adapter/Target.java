package dev.switchboard.adapter;

import java.util.Set;

/**
 * Which sockets an operation is for: those in any of {@code rooms} (all when empty) and in none of
 * {@code except}; on this node only when {@code local}, else on every node of the cluster. A broadcast to a
 * {@code isVolatile} target is sent only to clients whose transport can take it at once (Node's {@code volatile}),
 * and is never kept for recovery.
 */
public record Target(Set<String> rooms, Set<String> except, boolean local, boolean isVolatile) {
    public Target {
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }

    public Target(Set<String> rooms, Set<String> except, boolean local) {
        this(rooms, except, local, false);
    }

    public static Target everyone() {
        return new Target(Set.of(), Set.of(), false);
    }
}
