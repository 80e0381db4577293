package dev.switchboard.socketio;

import dev.switchboard.adapter.RestoredSession;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.SessionListener;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.Handshake;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
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
    // SocketClient.clientId(): random, so the session id it stands for is not told
    private final String publicId;
    // the namespace a CONNECT asks for, counted as held by the socket about to be made; null when none serves it
    private final BiFunction<String, Handshake, Namespace> namespaces;
    private final SocketIoRuntime runtime;
    private final SioDecoder decoder;
    private final Instant opened = Instant.now();
    // only touched on the session's executor
    private final Map<String, Socket> sockets = new HashMap<>();
    // namespaces whose CONNECT waits for a session to be recovered
    private final Set<String> restoring = new HashSet<>();
    private boolean closed;
    private Future<?> connectTimer;

    Client(Connection session, BiFunction<String, Handshake, Namespace> namespaces, SocketIoRuntime runtime) {
        this.session = session;
        this.namespaces = namespaces;
        this.publicId = runtime.newId().substring(0, 12);
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
        if (sockets.containsKey(name) || restoring.contains(name)) {
            LOG.fine(() -> "Session " + session.sid() + " joined " + name + " twice; ignored");
            return;
        }
        JsonObject auth = packet.data() == null ? JsonValue.EMPTY_JSON_OBJECT : packet.data().asJsonObject();
        Handshake handshake = handshake(auth);
        // from here exactly one socket is made for the namespace, and removed from it in the end: it holds the
        // namespace meanwhile (one made from a pattern goes when its last socket does)
        Namespace namespace = namespaces.apply(name, handshake);
        if (namespace == null) {
            runtime.observer().unknownNamespace();
            send(List.of(runtime.encoder().connectError(name, "Invalid namespace", null)));
            return;
        }
        boolean recovering = runtime.recovery().enabled() && namespace.adapter().recovers();
        if (recovering && auth.get("pid") instanceof JsonString pid && auth.get("offset") instanceof JsonString offset) {
            restoring.add(name);
            CompletionStage<Optional<RestoredSession>> restore;
            try {
                restore = namespace.adapter().restoreSession(pid.getString(), offset.getString(), kept ->
                        new Socket(kept.sid(), kept.pid(), true, kept.data(), namespace, this, handshake));
            } catch (RuntimeException failure) {
                restore = CompletableFuture.failedFuture(failure);
            }
            onSessionExecutor(restore, (restored, failure) -> {
                restoring.remove(name);
                if (failure != null) {
                    LOG.log(Level.WARNING, "Could not recover a session in " + name + "; the client starts a new one", failure);
                }
                namespace.observer().recovery(namespace.observedName(), restored != null && restored.isPresent());
                if (restored != null && restored.isPresent()) {
                    Socket socket = (Socket) restored.get().member();
                    LOG.fine(() -> "Session " + session.sid() + " recovered socket " + socket.id() + " in " + name
                            + " with " + restored.get().missed().size() + " missed event(s)");
                    accept(socket, restored.get().missed());
                } else {
                    accept(newSocket(namespace, handshake, true), List.of());
                }
            });
            return;
        }
        accept(newSocket(namespace, handshake, recovering), List.of());
    }

    /** A socket with a new id; with recovery, a new private session id, and in its own room at once. */
    private Socket newSocket(Namespace namespace, Handshake handshake, boolean recovering) {
        Socket socket = new Socket(runtime.newId(), recovering ? runtime.newId() : null, false, Map.of(), namespace,
                this, handshake);
        if (recovering) {
            // emits to it go through its room to be logged: those its connect handler makes must find it there
            socket.join(socket.id());
        }
        return socket;
    }

    /** Runs {@code then} on this session's executor: now when the stage is complete already, else when it is. */
    private <T> void onSessionExecutor(CompletionStage<T> stage, BiConsumer<T, Throwable> then) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (future.isDone()) {
            future.handle((value, failure) -> {
                then.accept(value, failure);
                return null;
            });
        } else {
            future.whenComplete((value, failure) -> session.execute(() -> then.accept(value, failure)));
        }
    }

    /** Asks the namespace's handler, then connects the socket or refuses it. Session executor. */
    private void accept(Socket socket, List<List<Packet>> missed) {
        String name = socket.namespace();
        if (closed) {
            socket.closed("transport close"); // the connection went while its session was being recovered
            return;
        }
        Namespace namespace = socket.home();
        try {
            namespace.handler().onConnect(socket);
        } catch (ConnectRejection rejection) {
            if (socket.recovered() && runtime.recovery().skipMiddlewares()) {
                LOG.fine(() -> "Session " + session.sid() + ": " + name + " refused recovered socket " + socket.id()
                        + ", kept as skipMiddlewares=true says: " + rejection.getMessage());
            } else {
                LOG.fine(() -> "Session " + session.sid() + " refused by " + name + ": " + rejection.getMessage());
                refuse(socket, "connect refused", String.valueOf(rejection.getMessage()), rejection.data());
                return;
            }
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
        socket.joined(missed);
        LOG.fine(() -> "Session " + session.sid() + " joined " + name + " as socket " + socket.id());
    }

    private void refuse(Socket socket, String reason, String message, Object data) {
        socket.closed(reason);
        socket.home().observer().connectRefused(socket.home().observedName());
        send(List.of(runtime.encoder().connectError(socket.namespace(), message, data)));
    }

    @Override
    public void onUpgrade(String transport) {
        sockets.values().forEach(Socket::upgraded);
    }

    @Override
    public void onClose(CloseReason reason) {
        closed = true;
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

    String publicId() {
        return publicId;
    }

    void forget(Socket socket) {
        sockets.remove(socket.namespace(), socket);
    }

    void send(List<Packet> packets) {
        session.send(packets);
    }

    void sendVolatile(List<Packet> packets) {
        session.sendVolatile(packets);
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
