package dev.switchboard.socketio;

import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.concurrent.Future;

/**
 * The Engine.IO session as the Socket.IO layer uses it: {@link EngineConnection} in the server, a recording fake
 * in the unit tests. Every method may be called from any thread and none blocks; tasks run one at a time, in
 * order, on the session's executor.
 */
interface Connection {

    String sid();

    /** The request that opened the session. */
    ClientRequest request();

    /** "websocket" or "polling", as of now. */
    String transportName();

    /** Queues packets for the client, after everything queued before; never blocks, so it may be called under a lock. */
    void send(List<Packet> packets);

    /** Queues packets only if the transport can take them now (Node's volatile); else they are dropped. */
    void sendVolatile(List<Packet> packets);

    /** Runs a task on the session's executor. */
    void execute(Runnable task);

    /** Runs a task on the session's executor after a delay; cancel the future to stop it. */
    Future<?> schedule(Runnable task, long delayMillis);

    /** Closes the session from the server side. */
    void close(CloseReason reason);
}
