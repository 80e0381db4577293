package dev.switchboard.handler;

/**
 * What a namespace runs for its clients; built from the {@link Namespace} beans. Called on the client's
 * session executor, one call at a time per connection.
 */
public interface NamespaceHandler {

    /** No handlers: the main namespace "/" accepts clients even when no bean serves it. */
    NamespaceHandler NONE = new NamespaceHandler() {
        @Override
        public void onConnect(SocketClient client) {
        }

        @Override
        public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
        }

        @Override
        public void onDisconnect(SocketClient client, String reason) {
        }
    };

    /** @throws ConnectRejection to refuse the client */
    void onConnect(SocketClient client);

    /** @param ack null when the client asked for no acknowledgement */
    void onEvent(SocketClient client, String event, Arguments args, Ack ack);

    /** The client is leaving: still in its rooms, before {@link #onDisconnect}. */
    default void onDisconnecting(SocketClient client, String reason) {
    }

    /** After the client left its rooms and the namespace. */
    void onDisconnect(SocketClient client, String reason);

    /** Whether {@link #onOutgoing} wants every outgoing event; when false, none is decoded for it. */
    default boolean watchesOutgoing() {
        return false;
    }

    /** An event on its way to the client, on the thread that emits it. */
    default void onOutgoing(SocketClient client, String event, Arguments args) {
    }

    /**
     * Whether the application's metrics count this namespace's clients: false for the server's own (the Admin UI's),
     * whose watchers are not the application's users.
     */
    default boolean counted() {
        return true;
    }

    /** A server-side event from another node; {@code ack} null when the sender wants no answer. */
    default void onServerEvent(String event, Arguments args, Ack ack) {
    }
}
