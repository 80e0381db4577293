package dev.switchboard.socketio;

import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.config.RecoverySettings;
import dev.switchboard.engine.Packet;
import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.SocketClient;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.security.SecureRandom;
import java.util.function.Consumer;

/**
 * One namespace, "/chat", whose connect handler the test writes, and clients of it on {@link RecordingConnection}s:
 * the Socket.IO layer without a server. The test thread plays each connection's session executor.
 */
final class NamespaceFixture {
    static final String NAME = "/chat";

    private final SocketIoRuntime runtime;
    private final Namespace namespace;

    NamespaceFixture(Consumer<SocketClient> onConnect) {
        this(onConnect, RecoverySettings.OFF, AdapterFactory.MEMORY);
    }

    /** With connection state recovery as {@code recovery} says, on the adapters {@code adapters} makes. */
    NamespaceFixture(Consumer<SocketClient> onConnect, RecoverySettings recovery, AdapterFactory adapters) {
        JsonProvider json = JsonProvider.provider();
        Jsonb jsonb = JsonbBuilder.create();
        runtime = new SocketIoRuntime(new SioEncoder(jsonb), json, jsonb, 10, 45_000, new SecureRandom(),
                SocketIoObserver.NONE, adapters, recovery);
        namespace = new Namespace(NAME, new NamespaceHandler() {
            @Override
            public void onConnect(SocketClient client) {
                onConnect.accept(client);
            }

            @Override
            public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
            }

            @Override
            public void onDisconnect(SocketClient client, String reason) {
            }
        }, runtime);
    }

    Namespace namespace() {
        return namespace;
    }

    /** A client on {@code connection} that has sent CONNECT for the namespace. */
    Client connect(RecordingConnection connection) {
        return connect(connection, "");
    }

    /** A client on {@code connection} that has sent CONNECT for the namespace with this auth (JSON text, or ""). */
    Client connect(RecordingConnection connection, String auth) {
        Client client = new Client(connection, (name, handshake) -> NAME.equals(name) ? namespace : null, runtime);
        client.onMessage(Packet.message("0" + NAME + "," + auth));
        return client;
    }
}
