package dev.switchboard.engine;

/** Where a session deregisters itself when it closes, and reports what happens to it. */
interface SessionRegistry {
    void remove(EngineSession session);

    default EngineObserver observer() {
        return EngineObserver.NONE;
    }
}
