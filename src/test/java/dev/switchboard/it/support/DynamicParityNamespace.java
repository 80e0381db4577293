package dev.switchboard.it.support;

import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.SocketClient;

import java.util.Map;

/** Every "/dyn-N" namespace of the parity suite: Node's {@code io.of(/^\/dyn-\d+$/)}, removed when empty. */
@Namespace(pattern = ParityNamespace.DYNAMIC)
public class DynamicParityNamespace {

    @OnConnect
    void welcome(SocketClient client) {
        client.emit("welcome", Map.of("namespace", client.namespace()));
    }

    @OnEvent("whereami")
    Map<String, Object> whereami(SocketClient client) {
        return Map.of("namespace", client.namespace());
    }
}
