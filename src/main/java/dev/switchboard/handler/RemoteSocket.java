package dev.switchboard.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A socket of this namespace on any node of the cluster, as {@link Broadcast#fetchSockets} finds it (Node's
 * {@code RemoteSocket}): its id, its handshake as Node's servers describe it ({@code headers}, {@code query},
 * {@code address}, {@code time}, {@code issued}, {@code url}, {@code secure}, {@code xdomain}, {@code auth}), its
 * rooms, and the data its server keeps for it (a Switchboard socket's {@link SocketClient#attributes()}, a Node
 * socket's {@code socket.data}), all as plain values: maps, lists, strings, numbers, booleans, null, byte[]. Those
 * are a snapshot, taken when it was found.
 * <p>
 * It can be acted on wherever it is connected: {@link #emit}, {@link #join}, {@link #leave} and {@link #disconnect}
 * go to its node (through the cluster adapter when that is another one) and do nothing once it has gone.
 */
public final class RemoteSocket {
    private final String id;
    private final Map<String, Object> handshake;
    private final Set<String> rooms;
    private final Map<String, Object> data;
    private final Broadcast self;

    /** @param self a target holding exactly this socket: its own room, on every node */
    public RemoteSocket(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data, Broadcast self) {
        this.id = Objects.requireNonNull(id);
        this.handshake = handshake;
        this.rooms = rooms;
        this.data = data;
        this.self = self;
    }

    public String id() {
        return id;
    }

    public Map<String, Object> handshake() {
        return handshake;
    }

    public Set<String> rooms() {
        return rooms;
    }

    public Map<String, Object> data() {
        return data;
    }

    /** Sends it an event. */
    public void emit(String event, Object... args) {
        self.emit(event, args);
    }

    /** Puts it in these rooms too. */
    public void join(String... more) {
        self.socketsJoin(more);
    }

    /** Takes it out of these rooms. */
    public void leave(String... some) {
        self.socketsLeave(some);
    }

    /** Disconnects it from the namespace; with {@code closeConnection}, closes its whole connection. */
    public void disconnect(boolean closeConnection) {
        self.disconnectSockets(closeConnection);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + " in " + rooms + "]";
    }
}
