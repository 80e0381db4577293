package dev.switchboard.engine;

/**
 * What a {@link Transport} reports to the session it belongs to. Called on container threads; the session
 * hands each call to its own executor, so these methods are cheap and never block.
 */
public interface TransportListener {

    void onPacket(Transport source, Packet packet);

    /** The transport can take packets now (a polling GET arrived). */
    void onWritable(Transport source);

    /** The transport is gone; {@code detail} is for the log. */
    void onClosed(Transport source, CloseReason reason, String detail);
}
