package dev.switchboard.socketio;

/**
 * What the Socket.IO layer tells whoever watches it (metrics). Called on session executors; an implementation
 * only adds to thread-safe counters: it never blocks or throws. {@link #NONE} when nothing watches. A namespace is
 * named as the application wrote it: one made from a pattern by its pattern, so that client-chosen names never
 * become counters.
 */
public interface SocketIoObserver {

    /** Observes nothing: the default when no observer bean is deployed. */
    SocketIoObserver NONE = new SocketIoObserver() {
    };

    /** A client joined a namespace (its handler accepted it). */
    default void joined(String namespace) {
    }

    /** A client left a namespace, for whatever reason. */
    default void left(String namespace) {
    }

    /** A namespace's handler refused a client (CONNECT_ERROR). */
    default void connectRefused(String namespace) {
    }

    /** A client asked for a namespace that does not exist; not named, as clients choose the name. */
    default void unknownNamespace() {
    }

    /** A client asked to recover its session: recovered, or given a new one (unknown, expired, bad offset). */
    default void recovery(String namespace, boolean recovered) {
    }

    /** An acknowledgement the server asked a client for did not come in time. */
    default void ackTimedOut(String namespace) {
    }
}
