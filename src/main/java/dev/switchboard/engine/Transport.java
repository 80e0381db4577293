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
     * Sends packets, in order, or the first of them. Only called when {@link #isWritable()}.
     *
     * @return how many packets, from the first, the transport took: all of them, or fewer when one write may only
     *         carry so much (a poll's response), or none when it could not take them after all (a waiting poll
     *         timed out meanwhile); the session keeps the rest for the next chance
     */
    int send(List<Packet> packets);

    /**
     * Bytes the transport took with {@link #send} and has not yet handed to the network (a WebSocket's outbox
     * while the client does not read). The session counts them against the per-connection limit. Any thread.
     */
    default long bufferedBytes() {
        return 0;
    }

    /** Closes after what was sent has gone out. Idempotent. */
    void close();

    /**
     * Closes after what was sent has gone out, telling the client why where the transport can (a WebSocket
     * close frame's code and reason). Idempotent.
     */
    default void close(CloseReason reason) {
        close();
    }

    /**
     * Closes without waiting for what was sent: the client stopped reading, so what waits is dropped, the client
     * told why where the transport can, and the connection ended within a bound whether or not the client reads.
     * Idempotent.
     */
    default void abort(CloseReason reason) {
        close(reason);
    }

    /**
     * Runs {@code action} once the connection underneath is gone (its TCP closed), at once when it is already, or
     * when the transport holds no connection of its own (polling). A session keeps its place among the server's
     * connections until then, so a client that closes and never lets go cannot open more than the limit. Any thread.
     */
    default void whenGone(Runnable action) {
        action.run();
    }

    /**
     * The client sent a close packet: close without one of ours, as the reference server does (a waiting GET is
     * answered with a noop). Idempotent.
     */
    default void closedByClient() {
        close();
    }

    /** The session moved to another transport: release anything held (a waiting GET) and stop reporting. */
    void discard();

    /** This transport asked to join a session and was turned away: tell the client why, then close. */
    void refuse(EngineError error);
}
