package dev.switchboard.engine;

/**
 * The Engine.IO timings and limits a session runs with, in milliseconds and bytes.
 *
 * @param maxPacketRate packets per second a client may send on average
 * @param packetBurst packets a client may send at once
 * @param maxBufferedBytes bytes at most waiting to be written to the client, in the session and its transport
 * @param handleOnReadThread whether a packet may be handled on the thread that read it when its session is idle
 *                           ({@link SerialExecutor#executeHere}), or always goes to a worker thread
 */
public record SessionSettings(long pingInterval, long pingTimeout, int maxPayload, long upgradeTimeout,
                              int maxPacketRate, int packetBurst, long maxBufferedBytes,
                              boolean handleOnReadThread) {

    /** Timings alone, no packet rate limit. */
    public SessionSettings(long pingInterval, long pingTimeout, int maxPayload, long upgradeTimeout) {
        this(pingInterval, pingTimeout, maxPayload, upgradeTimeout, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, true);
    }
}
