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

    /**
     * Sends an event to the namespace's {@link OnServerEvent} handlers on every other node of the cluster (not this
     * one), as Node's {@code io.of(namespace).serverSideEmit} does. Without a cluster adapter, no one hears it.
     */
    void serverSideEmit(String namespace, String event, Object... args);

    /**
     * {@link #serverSideEmit} asking every other node for an answer: completes with one answer per node (each
     * node's first value), or exceptionally with an {@link AckTimeoutException} when not every node answered
     * within {@code redisRequestTimeout}.
     */
    java.util.concurrent.CompletionStage<java.util.List<Object>> serverSideEmitWithAck(String namespace, String event, Object... args);

    /** Nodes of the cluster serving the namespace, this one included (1 without a cluster adapter). */
    java.util.concurrent.CompletionStage<Integer> serverCount(String namespace);
}
