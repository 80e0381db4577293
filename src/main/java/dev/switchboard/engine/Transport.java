package dev.switchboard.engine;

import java.util.List;

/**
 * Moves packets between one client and its {@link EngineSession}, and nothing else: no heartbeat, no upgrade
 * rules, no knowledge of what the packets mean. A new transport (WebTransport, say) implements this and
 * reports what happens to it through the {@link TransportListener} it is bound to; session code does not change.
 * <p>
 * Threads: {@link #send}, {@link #close} and {@link #discard} are called on the session's executor.
 * Implementations must not block there, and report events from whatever thread the container gives them.
 */
public interface Transport {

    /** The name clients use in the {@code transport} query parameter ("polling", "websocket"). */
    String name();

    /** Transports a session on this one may upgrade to, for the handshake's "upgrades" field. */
    List<String> upgrades();

    /** Called once, before any event can be reported. */
    void bind(TransportListener listener);

    /** Whether {@link #send} may be called now (polling: a GET is waiting; WebSocket: always). */
    boolean isWritable();

    /**
     * Sends packets, in order. Only called when {@link #isWritable()}.
     *
     * @return false when the transport could not take them after all (a waiting poll timed out meanwhile);
     *         the session keeps them for the next chance
     */
    boolean send(List<Packet> packets);

    /** Closes after what was sent has gone out. Idempotent. */
    void close();

    /**
     * Closes after what was sent has gone out, telling the client why where the transport can (a WebSocket
     * close frame's code and reason). Idempotent.
     */
    default void close(CloseReason reason) {
        close();
    }

    /** The session moved to another transport: release anything held (a waiting GET) and stop reporting. */
    void discard();

    /** This transport asked to join a session and was turned away: tell the client why, then close. */
    void refuse(EngineError error);
}
