package dev.switchboard.socketio;

import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineSession;
import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.concurrent.Future;

/** A {@link Connection} over a real Engine.IO session. */
record EngineConnection(EngineSession session) implements Connection {

    @Override
    public String sid() {
        return session.sid();
    }

    @Override
    public ClientRequest request() {
        return session.request();
    }

    @Override
    public String transportName() {
        return session.transport().name();
    }

    @Override
    public void send(List<Packet> packets) {
        session.send(packets); // only hands a task to the session's serial executor
    }

    @Override
    public void sendVolatile(List<Packet> packets) {
        session.sendVolatile(packets);
    }

    @Override
    public void execute(Runnable task) {
        session.execute(task);
    }

    @Override
    public Future<?> schedule(Runnable task, long delayMillis) {
        return session.schedule(task, delayMillis);
    }

    @Override
    public void close(CloseReason reason) {
        session.close(reason);
    }
}
