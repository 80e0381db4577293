package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container-WebSocket transport on a fake Jakarta session whose sends never complete (a client that does not read). */
class JakartaWebSocketTransportTest {
    private final List<String> socket = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private boolean open = true;

    /** A session that records its close and starts every send without ever completing it. */
    private Session session() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    socket.add(method.getName());
                    return null;
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        open = false;
                        socket.add("close " + (args == null ? "" : ((jakarta.websocket.CloseReason) args[0]).getCloseCode().getCode()));
                        yield null;
                    }
                    case "getId" -> "fake";
                    default -> null;
                });
    }

    private JakartaWebSocketTransport transport(WebSocketConnection.Timer timer) {
        return new JakartaWebSocketTransport(session(), 1000, EngineObserver.NONE, timer);
    }

    private void schedule(Runnable task, long delayMillis) {
        timers.add(task);
        delays.add(delayMillis);
    }

    @Test
    void aRefusalAfterTheTimerStoppedClosesTheSocketAtOnce() {
        JakartaWebSocketTransport refused = transport((task, delay) -> {
            throw new RejectedExecutionException("undeployed");
        });
        refused.refuse(EngineError.UNKNOWN_SID);
        assertEquals(List.of("close 1002"), socket);
    }

    @Test
    void aCloseStuckBehindASendThatNeverCompletesClosesTheSocketAfterTheCloseWait() {
        JakartaWebSocketTransport stuck = transport(this::schedule);
        List<String> gone = new ArrayList<>();
        stuck.whenGone(() -> gone.add("gone"));
        stuck.send(List.of(Packet.message("x".repeat(100)), Packet.message("y")));
        assertEquals(List.of("sendText"), socket, "the first send is in flight, and never completes");
        assertEquals(2, stuck.bufferedBytes(), "the second waits behind it");
        stuck.close(CloseReason.FORCED_CLOSE);
        assertEquals(List.of(WebSocketConnection.CLOSE_WAIT_MILLIS, JakartaWebSocketTransport.GONE_DEADLINE_MILLIS), delays);
        timers.get(0).run();
        assertEquals(List.of("sendText", "close 1000"), socket);
        assertEquals(0, stuck.bufferedBytes());
        assertTrue(gone.isEmpty(), "the place is held until the container reports the end");
        stuck.closed(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
        timers.get(1).run();
        assertEquals(List.of("gone"), gone, "once");
    }

    @Test
    void abortDropsWhatWaitsAndClosesWithoutWaitingForTheStuckSend() {
        JakartaWebSocketTransport stuck = transport(this::schedule);
        stuck.send(List.of(Packet.message("a"), Packet.message("b".repeat(500))));
        stuck.abort(CloseReason.BUFFER_FULL);
        assertEquals(0, stuck.bufferedBytes());
        timers.get(0).run();
        assertEquals(List.of("sendText", "close 1008"), socket);
    }
}
