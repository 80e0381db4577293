package dev.switchboard.handler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Emits to a set of clients of one namespace. Each call returns a new, narrower target; nothing is sent
 * until {@link #emit}. The packet is encoded once, and the same frames go to every recipient.
 * <p>
 * With a cluster adapter ({@code adapter=redis}) a target spans every node: {@link #emit},
 * {@link #fetchSockets}, {@link #socketsJoin}, {@link #socketsLeave} and {@link #disconnectSockets} reach the
 * clients of the other nodes too, unless narrowed with {@link #local()}; {@link #socketIds()} stays on this node.
 */
public interface Broadcast {

    /** Only clients in any of these rooms (a client's own id is a room too). */
    Broadcast to(String... rooms);

    /** Not clients in any of these rooms. */
    Broadcast except(String... rooms);

    /** Sends the event to every target client. */
    void emit(String event, Object... args);

    /**
     * Sends the event only to the target clients whose transport can take it now (Node's {@code volatile.emit}): a
     * polling client between two polls, or a WebSocket still writing what came before, does not get it. Never kept
     * for connection state recovery. For what a newer value replaces anyway: positions, presence, game state.
     */
    void volatileEmit(String event, Object... args);

    /**
     * Sends the event asking every target client (on every node) for an acknowledgement: completes with each
     * client's answer (its first value), or exceptionally with an {@link AckTimeoutException} holding the answers
     * that came when not all came within {@code timeout}. As Node's {@code io.timeout(ms).emitWithAck(...)}.
     */
    CompletionStage<List<Object>> emitWithAck(java.time.Duration timeout, String event, Object... args);

    /** Only the target clients connected to this node. */
    Broadcast local();

    /** Ids of the target clients connected to this node. */
    Set<String> socketIds();

    /** Disconnects every target client from the namespace (on every node). */
    default void disconnect() {
        disconnectSockets(false);
    }

    /** Disconnects every target client: from the namespace, or with {@code closeConnection} its whole connection. */
    void disconnectSockets(boolean closeConnection);

    /** The target clients, on every node: completes when every node answered or the request timed out. */
    CompletionStage<List<RemoteSocket>> fetchSockets();

    /** Puts every target client in these rooms too. */
    void socketsJoin(String... rooms);

    /** Takes every target client out of these rooms. */
    void socketsLeave(String... rooms);
}
