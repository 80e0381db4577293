package dev.switchboard.conformance;

import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.SocketClient;

/** The "/custom" namespace of the Socket.IO protocol test suite. */
@Namespace("/custom")
public class CustomNamespace {

    @OnConnect
    void connected(SocketClient client) {
        client.emit("auth", client.handshake().auth());
    }
}
