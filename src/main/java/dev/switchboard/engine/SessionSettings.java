package dev.switchboard.engine;

/** The Engine.IO timings and limits a session runs with, in milliseconds and bytes. */
public record SessionSettings(long pingInterval, long pingTimeout, int maxPayload, long upgradeTimeout) {
}
