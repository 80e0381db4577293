package dev.switchboard.it.support;

import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.SocketClient;

import java.util.Map;

/** Every namespace {@link TeamMatcher} lets a client into: Node's {@code io.of((name, auth, next) => …)}. */
@Namespace(matcher = TeamMatcher.class)
public class TeamParityNamespace {

    @OnConnect
    void welcome(SocketClient client) {
        client.emit("welcome", Map.of("namespace", client.namespace()));
    }
}
