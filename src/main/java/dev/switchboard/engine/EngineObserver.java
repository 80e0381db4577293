package dev.switchboard.engine;

/**
 * What the engine tells whoever watches it (metrics). Called on hot paths — every packet, from container
 * threads and session executors alike — so an implementation only adds to thread-safe counters: it never
 * blocks, allocates per call, or throws. The engine works the same with {@link #NONE}.
 */
public interface EngineObserver {

    /** Observes nothing: the engine's default when no observer bean is deployed. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** A handshake opened a session over {@code transport} ("polling", "websocket"). */
    default void sessionOpened(String transport) {
    }

    /** A session ended; {@code transport} is the one it was on at the end. */
    default void sessionClosed(String transport, CloseReason reason) {
    }

    /** A session moved from one transport to another. */
    default void upgraded(String from, String to) {
    }

    /** A handshake was refused with this error (origin, protocol version, capacity…). */
    default void handshakeRefused(EngineError error) {
    }

    /** A request from a browser page on an origin outside the allowlist was refused. */
    default void originRefused(String transport) {
    }

    /** A limit turned a client away or closed its connection. */
    default void limitReached(Limit limit) {
    }

    /** Packets arrived from clients; {@code size} in bytes (WebSocket text frames: in characters). */
    default void received(int packets, long size) {
    }

    /** A volatile packet was dropped: its client's transport could not take it at once. */
    default void volatileDropped() {
    }

    /** Packets went out to clients; {@code size} as for {@link #received}. */
    default void sent(int packets, long size) {
    }
}
