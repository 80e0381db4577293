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

    void onDisconnect(SocketClient client, String reason);

    /** A server-side event from another node; {@code ack} null when the sender wants no answer. */
    default void onServerEvent(String event, Arguments args, Ack ack) {
    }
}
