package dev.switchboard.socketio;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.SessionListener;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.Handshake;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Socket.IO side of one Engine.IO session: decodes packets and multiplexes them over the namespaces the
 * client joined. Runs on the session's executor (all {@link SessionListener} calls come there); the map of
 * sockets is only touched there.
 */
final class Client implements SessionListener {
    private static final Logger LOG = Logger.getLogger(Client.class.getName());

    private final Connection session;
    private final Function<String, Namespace> namespaces;
    private final SocketIoRuntime runtime;
    private final SioDecoder decoder;
    private final Instant opened = Instant.now();
    // only touched on the session's executor
    private final Map<String, Socket> sockets = new HashMap<>();
    private Future<?> connectTimer;

    Client(Connection session, Function<String, Namespace> namespaces, SocketIoRuntime runtime) {
        this.session = session;
        this.namespaces = namespaces;
        this.runtime = runtime;
        this.decoder = new SioDecoder(runtime.json(), runtime.maxAttachments());
        // A connection that joins no namespace in time is closed.
        connectTimer = session.schedule(() -> {
            if (sockets.isEmpty()) {
                LOG.fine(() -> "Session " + session.sid() + " joined no namespace within " + runtime.connectTimeout() + " ms");
                session.close(CloseReason.FORCED_CLOSE);
            }
        }, runtime.connectTimeout());
    }

    @Override
    public void onMessage(Packet packet) {
        SioPacket decoded;
        try {
            decoded = packet.isBinary() ? decoder.decode(packet.binary()) : decoder.decode(packet.data());
        } catch (MalformedSioPacketException malformed) {
            LOG.fine(() -> "Session " + session.sid() + " sent a malformed Socket.IO packet: " + malformed.getMessage());
            session.close(CloseReason.PARSE_ERROR);
            return;
        }
        if (decoded != null) {
            dispatch(decoded);
        }
    }

    private void dispatch(SioPacket packet) {
        if (packet.type() == SioPacketType.CONNECT) {
            connect(packet);
            return;
        }
        Socket socket = sockets.get(packet.namespace());
        if (socket == null) {
            LOG.fine(() -> "Session " + session.sid() + " sent " + packet.type() + " to " + packet.namespace() + ", which it has not joined");
            return;
        }
        socket.onPacket(packet);
    }

    private void connect(SioPacket packet) {
        String name = packet.namespace();
        if (sockets.containsKey(name)) {
            LOG.fine(() -> "Session " + session.sid() + " joined " + name + " twice; ignored");
            return;
        }
        Namespace namespace = namespaces.apply(name);
        if (namespace == null) {
            runtime.observer().unknownNamespace();
            send(List.of(runtime.encoder().connectError(name, "Invalid namespace", null)));
            return;
        }
        JsonObject auth = packet.data() == null ? JsonValue.EMPTY_JSON_OBJECT : packet.data().asJsonObject();
        Socket socket = new Socket(runtime.newId(), namespace, this, handshake(auth));
        try {
            namespace.handler().onConnect(socket);
        } catch (ConnectRejection rejection) {
            LOG.fine(() -> "Session " + session.sid() + " refused by " + name + ": " + rejection.getMessage());
            refuse(socket, "connect refused", String.valueOf(rejection.getMessage()), rejection.data());
            return;
        } catch (RuntimeException bug) {
            // a handler of our own or the application's that is not HandlerMethods (which turns failures into
            // rejections): the socket must still end, or it stays in the rooms it joined before throwing
            LOG.log(Level.SEVERE, "Connect handler of " + name + " failed for socket " + socket.id(), bug);
            refuse(socket, "connect failed", "Server error", null);
            return;
        }
        sockets.put(name, socket);
        if (connectTimer != null) {
            connectTimer.cancel(false);
            connectTimer = null;
        }
        socket.joined();
        LOG.fine(() -> "Session " + session.sid() + " joined " + name + " as socket " + socket.id());
    }

    private void refuse(Socket socket, String reason, String message, Object data) {
        socket.closed(reason);
        runtime.observer().connectRefused(socket.namespace());
        send(List.of(runtime.encoder().connectError(socket.namespace(), message, data)));
    }

    @Override
    public void onClose(CloseReason reason) {
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        List<Socket> open = new ArrayList<>(sockets.values());
        sockets.clear();
        for (Socket socket : open) {
            try {
                socket.closed(reason.wireName());
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, "Failed to close socket " + socket.id(), bug);
            }
        }
    }

    /** Server-side close of the whole connection: every namespace hears DISCONNECT, then the session closes. */
    void disconnectAll() {
        new ArrayList<>(sockets.values()).forEach(Socket::serverDisconnect);
        session.close(CloseReason.FORCED_CLOSE);
    }

    void forget(Socket socket) {
        sockets.remove(socket.namespace(), socket);
    }

    void send(List<Packet> packets) {
        session.send(packets);
    }

    void execute(Runnable task) {
        session.execute(task);
    }

    Future<?> schedule(Runnable task, long delayMillis) {
        return session.schedule(task, delayMillis);
    }

    String transportName() {
        return session.transportName();
    }

    private Handshake handshake(JsonObject auth) {
        var request = session.request();
        String url = request.path() + (request.query().isEmpty() ? "" : "?" + queryString(request.query()));
        return new Handshake(request.headers(), request.query(), request.remoteAddress(), url, request.secure(), opened, auth);
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.isEmpty() ? "" : "&").append(name).append('=').append(value));
        return text.toString();
    }
}
