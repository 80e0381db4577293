package dev.switchboard.engine;

/**
 * What runs on top of Engine.IO, found as a CDI bean. The engine calls it once per new session, on that
 * session's executor, right after the open packet went out.
 */
public interface EngineApplication {

    SessionListener onOpen(EngineSession session);
}
