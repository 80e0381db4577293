package dev.switchboard.engine;

/** Where a session deregisters itself when it closes, and reports what happens to it. */
interface SessionRegistry {
    /** The session is closed: its id is unknown from now on. */
    void remove(EngineSession session);

    /** The closed session's connection is gone too: its place among the server's connections is free again. */
    default void release(EngineSession session) {
    }

    default EngineObserver observer() {
        return EngineObserver.NONE;
    }
}
