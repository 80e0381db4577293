package dev.switchboard.handler;

import java.util.Optional;
import java.util.Set;

/**
 * The server side of Socket.IO for application code: inject it into any bean (a JAX-RS resource, a scheduled
 * job, a CDI observer) to emit to a namespace, a room or one client.
 * <pre>{@code @Inject SocketServer sockets;
 * sockets.of("/chat").to("lobby").emit("message", payload);}</pre>
 */
public interface SocketServer {

    /** All clients of a namespace, as a target to narrow with {@link Broadcast#to}. */
    Broadcast of(String namespace);

    /** One connected client, by its Socket.IO id. */
    Optional<SocketClient> socket(String namespace, String socketId);

    /** Namespaces that have handlers. */
    Set<String> namespaces();

    /** Rooms of a namespace that have at least one client on this node, with their size. */
    java.util.Map<String, Integer> rooms(String namespace);

    /** Rooms of a namespace with at least one client on any node of the cluster. */
    java.util.concurrent.CompletionStage<Set<String>> allRooms(String namespace);

    /** Nodes of the cluster serving the namespace, this one included (1 without a cluster adapter). */
    java.util.concurrent.CompletionStage<Integer> serverCount(String namespace);
}
