package dev.switchboard.handler;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One client in one namespace. Thread-safe: use it from handlers and from any other thread.
 */
public interface SocketClient {

    /** The Socket.IO id (not the Engine.IO session id); also the name of the client's own room. */
    String id();

    String namespace();

    /**
     * An id of the connection this socket is on, the same for each namespace the connection joined (the Admin UI
     * groups sockets into clients by it). Not the Engine.IO session id, which is a credential.
     */
    String clientId();

    Handshake handshake();

    /** "websocket" or "polling", as of now. */
    String transport();

    boolean connected();

    /**
     * Whether this socket is one that dropped and came back (connection state recovery): same id, rooms and
     * attributes as before, and every event it missed already sent to it.
     */
    default boolean recovered() {
        return false;
    }

    /** Application data kept with this client (a user name, say), for as long as it is connected. */
    Map<String, Object> attributes();

    /**
     * An attribute as a {@code type} (Node's {@code socket.data.name}, typed): the value itself when it is one,
     * else converted with JSON-B (a record kept by this node, or the plain map it became when the socket was
     * recovered from a cluster's store); null when there is none.
     *
     * @throws IllegalArgumentException when the value does not convert to {@code type}
     */
    <T> T attribute(String name, Class<T> type);

    void join(String... rooms);

    void leave(String... rooms);

    Set<String> rooms();

    /** Sends an event to this client. Arguments: JSON-B serializable values, byte[] for binary. */
    void emit(String event, Object... args);

    /**
     * Sends the event now, or not at all when this client's transport cannot take it now (Node's
     * {@code socket.volatile.emit}); see {@link Broadcast#volatileEmit}.
     */
    void volatileEmit(String event, Object... args);

    /**
     * Sends an event and waits for the client's acknowledgement. The stage fails with
     * {@link AckTimeoutException} when none comes within {@code timeout}; a late acknowledgement is dropped.
     */
    CompletionStage<Arguments> emitWithAck(String event, Duration timeout, Object... args);

    /** Every other client of the namespace in these rooms (this one excluded). */
    Broadcast broadcastTo(String... rooms);

    /** Leaves the namespace; with {@code closeConnection}, closes the whole connection. */
    void disconnect(boolean closeConnection);
}
