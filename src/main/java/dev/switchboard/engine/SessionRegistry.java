package dev.switchboard.engine;

/** Where a session deregisters itself when it closes. */
interface SessionRegistry {
    void remove(EngineSession session);
}
