package dev.switchboard.handler;

import java.util.Set;

/**
 * Everything that happens to every socket of every namespace, for a watcher of the whole server (the Admin UI in
 * development mode). A CDI bean; none by default. Called on the thread where it happens (a socket's session executor,
 * or the thread that emits or moves it), only while {@link #watching()}: an implementation answers that cheaply, and
 * never blocks or throws.
 */
public interface SocketActivity {

    /** Whether anything is listening now; when false no other method is called and nothing is decoded for it. */
    boolean watching();

    /** The socket joined its namespace (it is in its own room already). */
    default void connected(SocketClient socket) {
    }

    /** The socket left its namespace, and then each of {@code rooms}. */
    default void disconnected(SocketClient socket, String reason, Set<String> rooms) {
    }

    default void joined(SocketClient socket, Set<String> rooms) {
    }

    default void left(SocketClient socket, Set<String> rooms) {
    }

    /** Its connection moved to another transport ({@link SocketClient#transport()} says which). */
    default void upgraded(SocketClient socket) {
    }

    /** Its attributes changed. */
    default void updated(SocketClient socket) {
    }

    /** An event from the client (its acknowledgement callback not counted). */
    default void received(SocketClient socket, String event, Arguments args) {
    }

    /** An event on its way to the client. */
    default void sent(SocketClient socket, String event, Arguments args) {
    }

    /** Watches nothing. */
    SocketActivity NONE = () -> false;
}
