package dev.switchboard.engine;

/**
 * The layer above Engine.IO (Socket.IO) as one session sees it. Every call for a session comes on that
 * session's executor, one at a time, in order.
 */
public interface SessionListener {

    /** A MESSAGE packet arrived (text or binary). */
    void onMessage(Packet packet);

    /** The session moved to another transport (an upgrade to WebSocket completed). */
    default void onUpgrade(String transport) {
    }

    /** The session closed; called exactly once, after which nothing else is called. */
    void onClose(CloseReason reason);
}
