package dev.switchboard.handler;

/**
 * The acknowledgement a client asked for with an event. Only the first call sends; it may come from any
 * thread, at any later time. When the client asked for none, calls do nothing.
 */
@FunctionalInterface
public interface Ack {
    /** Sends the acknowledgement with these arguments (JSON-B serializable values, or byte[] for binary). */
    void send(Object... args);
}
