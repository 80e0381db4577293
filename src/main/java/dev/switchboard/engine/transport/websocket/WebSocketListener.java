package dev.switchboard.engine.transport.websocket;

/**
 * What a {@link WebSocketConnection} tells its user. Messages arrive on the container's read thread, one at a
 * time and in order; the end is reported once, on whichever thread saw it, by exactly one of the two end
 * methods. Implementations must not block: they run on the container's threads.
 */
public interface WebSocketListener {

    void onText(String message);

    void onBinary(byte[] message);

    /**
     * The connection ended: the peer's close code and reason, {@link CloseCode#NO_STATUS} for a close frame
     * without one, or {@link CloseCode#ABNORMAL} when it ended without a close frame. Also reported after a close
     * this side started, with the code it sent.
     */
    void onClosed(int code, String reason);

    /**
     * The connection failed: the peer broke the protocol ({@link WebSocketProtocolException}, answered with its
     * close code) or the network failed. The connection closes.
     */
    void onFailed(Throwable cause);
}
