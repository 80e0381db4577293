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

    /**
     * All clients of a namespace, as a target to narrow with {@link Broadcast#to}. A name that matches a
     * {@link Namespace#pattern} is made if it is not live yet, as Node's {@code io.of(name)} makes it.
     *
     * @throws IllegalArgumentException when no handler bean serves the name
     */
    Broadcast of(String namespace);

    /**
     * Every namespace made from this {@link Namespace#pattern} (the annotation's text exactly), as Node's
     * {@code io.of(/regex/)} reaches its children: an emit goes to each child live on this node at the time (and, with
     * a cluster adapter, to that child's clients on the other nodes).
     *
     * @throws IllegalArgumentException when no handler bean has this pattern
     */
    Broadcast ofPattern(String pattern);

    /**
     * Every namespace this {@link Namespace#matcher} took (Node's {@code io.of((name, auth, next) => …)} parent), as
     * {@link #ofPattern}.
     *
     * @throws IllegalArgumentException when no handler bean has this matcher
     */
    Broadcast ofMatcher(Class<? extends NamespaceMatcher> matcher);

    /** One connected client, by its Socket.IO id. */
    Optional<SocketClient> socket(String namespace, String socketId);

    /** Namespaces live now: those of handler beans with a name, and those made from a pattern since. */
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
