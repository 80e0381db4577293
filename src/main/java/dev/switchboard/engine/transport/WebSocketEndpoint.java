package dev.switchboard.engine.transport;

import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.SessionSettings;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /socket.io/} over the container's Jakarta WebSocket, deployed only with the setting {@code websocket=container}
 * ({@link WebSocketEndpoints}); by default {@link WebSocketUpgradeFilter} serves it. A direct WebSocket session, or
 * the upgrade of a polling one (same sid).
 * The container creates one instance per connection and calls it one event at a time; nothing thrown here
 * reaches the container.
 * <p>
 * A {@code @Dependent} bean, so that every container injects it: Open Liberty 25 injects only into endpoints that
 * are CDI beans (its OpenLiberty/open-liberty#34986, fixed in 26.0.0.7) and left {@link #server} null otherwise.
 */
@Dependent
@ServerEndpoint(value = "/socket.io/", configurator = HandshakeCapture.class)
public class WebSocketEndpoint {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());

    @Inject
    EngineServer server;

    /** The transport for this connection; set in open, read by later events of the same connection. */
    private JakartaWebSocketTransport transport;

    @OnOpen
    public void open(Session socket) {
        try {
            SessionSettings settings = server.settings();
            // No container idle timeout (0 = none): Engine.IO's heartbeat is the idle timeout, a client that
            // misses its pong is closed (HeartbeatIT). Tyrus restarts its idle timer on every frame with a task on
            // the container's scheduler, and Payara keeps each cancelled task until it falls due: with a 50 s
            // timeout a broadcast of 50,000 frames/s held millions of them, the collector stalled the server and
            // its clients timed out (bench/README.md). With none the task does nothing and is gone at once; and
            // no positive timeout set after Tyrus's first idle check can race with it.
            socket.setMaxIdleTimeout(0);
            socket.setMaxTextMessageBufferSize(settings.maxPayload());
            socket.setMaxBinaryMessageBufferSize(settings.maxPayload());
            transport = new JakartaWebSocketTransport(socket, settings.maxPayload(), server.observer(),
                    (task, delayMillis) -> server.scheduler().schedule(task, delayMillis, server::execute));
            ClientRequest request = withRemoteAddress((ClientRequest) socket.getUserProperties().get(HandshakeCapture.REQUEST), socket);
            WebSocketAdmission.admit(server, request, transport);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Failed to open WebSocket " + socket.getId(), bug);
            try {
                if (transport != null) {
                    transport.refuse(EngineError.BAD_REQUEST);
                } else {
                    socket.close();
                }
            } catch (IOException | RuntimeException closing) {
                LOG.fine(() -> "WebSocket close after a failed open failed: " + closing);
            }
        }
    }

    @OnMessage
    public void text(String frame) {
        try {
            transport.receive(frame);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Failed to handle a WebSocket text frame", bug);
        }
    }

    @OnMessage
    public void binary(byte[] frame) {
        try {
            transport.receive(frame);
        } catch (RuntimeException bug) {
            LOG.log(Level.SEVERE, "Failed to handle a WebSocket binary frame", bug);
        }
    }

    @OnClose
    public void close(CloseReason why) {
        if (transport != null) {
            transport.closed(why);
        }
    }

    @OnError
    public void error(Throwable error) {
        // A vanished client (reset, timeout) is a normal close: logged at FINE by the transport, never SEVERE.
        if (transport != null) {
            transport.failed(error);
        } else {
            LOG.fine(() -> "WebSocket error before open: " + error);
        }
    }

    /** Containers may expose the peer address in the session's user properties, when {@link HandshakeAddress} had none. */
    private static ClientRequest withRemoteAddress(ClientRequest request, Session socket) {
        if (request.remoteAddress() != null) {
            return request;
        }
        for (var entry : socket.getUserProperties().entrySet()) {
            if (entry.getKey().toLowerCase().contains("remoteaddress")) {
                Object value = entry.getValue();
                String address = value instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(value);
                return new ClientRequest(request.method(), request.path(), request.query(), request.headers(), address,
                        request.secure(), request.host());
            }
        }
        return request;
    }
}
