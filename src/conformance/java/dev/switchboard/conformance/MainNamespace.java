package dev.switchboard.conformance;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.SocketClient;

/**
 * The main namespace as the Socket.IO protocol test suite expects it. Only in the conformance profile and in
 * tests, never in the production WAR.
 */
@Namespace("/")
public class MainNamespace {

    @OnConnect
    void connected(SocketClient client) {
        client.emit("auth", client.handshake().auth());
    }

    @OnEvent("message")
    void message(SocketClient client, Arguments args) {
        client.emit("message-back", args.values().toArray());
    }

    @OnEvent("message-with-ack")
    void messageWithAck(Arguments args, Ack ack) {
        ack.send(args.values().toArray());
    }
}
