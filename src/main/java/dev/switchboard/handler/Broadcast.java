package dev.switchboard.handler;

import java.util.Set;

/**
 * Emits to a set of clients of one namespace. Each call returns a new, narrower target; nothing is sent
 * until {@link #emit}. The packet is encoded once, and the same frames go to every recipient.
 */
public interface Broadcast {

    /** Only clients in any of these rooms (a client's own id is a room too). */
    Broadcast to(String... rooms);

    /** Not clients in any of these rooms. */
    Broadcast except(String... rooms);

    /** Sends the event to every target client. */
    void emit(String event, Object... args);

    /** Ids of the target clients. */
    Set<String> socketIds();

    /** Disconnects every target client from the namespace. */
    void disconnect();
}
