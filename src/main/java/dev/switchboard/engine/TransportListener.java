package dev.switchboard.engine;

/**
 * What a {@link Transport} reports to the session it belongs to. Called on container threads; the session runs
 * each call as a task of its own executor, on the calling thread when the session is idle (its handleOnReadThread
 * setting), else on a worker. So a call never waits for the session's other tasks, but run on the calling thread it
 * includes the handler and the writes that follow, a waiting polling GET's answer among them.
 */
public interface TransportListener {

    void onPacket(Transport source, Packet packet);

    /** The transport can take packets now (a polling GET arrived). */
    void onWritable(Transport source);

    /** The transport is gone; {@code detail} is for the log. */
    void onClosed(Transport source, CloseReason reason, String detail);
}
