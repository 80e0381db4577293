package dev.switchboard.admin;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Arguments;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Admin UI's namespace: logs the dashboard in (a password checked against its bcrypt hash, or a session id from
 * an earlier login), tells it what it may do ({@code config}), and carries out its commands ({@code emit},
 * {@code join}, {@code leave}, {@code _disconnect}) with the {@link SocketServer} operations application code uses,
 * so that they reach the sockets of every node. Read-only refuses every command. Called on the admin socket's session
 * executor, as every handler.
 */
final class AdminNamespace implements NamespaceHandler {
    private static final Logger LOG = Logger.getLogger(AdminNamespace.class.getName());

    /** What the dashboard may do, in the order Node's server lists it. */
    static final List<String> STEERING = List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT");
    static final String INVALID_CREDENTIALS = "invalid credentials";
    static final String THROTTLED = "too many failed logins from this address; try again in a minute";

    private final String username;
    private final boolean readonly;
    private final AdminPassword password;
    private final AdminSessions sessions;
    private final LoginThrottle throttle;
    private final SocketServer sockets;
    private final boolean development;
    private final Dashboards dashboards;

    AdminNamespace(String username, boolean readonly, boolean development, AdminPassword password, AdminSessions sessions,
                   LoginThrottle throttle, SocketServer sockets, Dashboards dashboards) {
        this.username = username;
        this.readonly = readonly;
        this.development = development;
        this.dashboards = dashboards;
        this.password = password;
        this.sessions = sessions;
        this.throttle = throttle;
        this.sockets = sockets;
    }

    /**
     * As Node's server checks: a known session id lets the dashboard in; else the user name and the password, the
     * password compared even for a wrong name (a wrong name costs as much as a wrong password). The new session id goes
     * out after CONNECT (Node sends it before, where the dashboard, not listening yet, drops it: its reloads then ask
     * for the password again).
     */
    @Override
    public void onConnect(SocketClient client) {
        JsonObject auth = client.handshake().auth();
        String address = String.valueOf(client.handshake().address());
        if (auth.get("sessionId") instanceof JsonString sessionId && sessions.valid(sessionId.getString())) {
            LOG.info(() -> "Admin UI: " + client.id() + " from " + address + " back with its session");
        } else {
            if (!throttle.admit(address)) {
                LOG.info(() -> "Admin UI: login from " + address + " refused unchecked, too many failures");
                throw new ConnectRejection(THROTTLED);
            }
            boolean passwordMatches = password.matches(text(auth.get("password")));
            if (!(sameText(text(auth.get("username")), username) & passwordMatches)) {
                LOG.info(() -> "Admin UI: login from " + address + " refused, invalid credentials");
                throw new ConnectRejection(INVALID_CREDENTIALS);
            }
            throttle.succeeded(address);
            client.emit("session", sessions.open());
            LOG.info(() -> "Admin UI: " + client.id() + " from " + address + " logged in" + (readonly ? " (read-only)" : ""));
        }
        client.emit("config", Map.of("supportedFeatures", features()));
        if (development) {
            client.emit("all_sockets", everySocket());
        }
        dashboards.add(client.id());
    }

    /** This node's sockets of every namespace but the server's own, as the dashboard lists them. */
    private List<Map<String, Object>> everySocket() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String namespace : sockets.namespaces()) {
            if (namespace.equals(AdminUi.NAMESPACE)) {
                continue;
            }
            for (String id : sockets.of(namespace).local().socketIds()) {
                sockets.socket(namespace, id).ifPresent(socket -> all.add(SocketDescription.of(socket)));
            }
        }
        return all;
    }

    private List<String> features() {
        List<String> all = new ArrayList<>(readonly ? List.of() : STEERING);
        all.add("AGGREGATED_EVENTS");
        if (development) {
            all.add("ALL_EVENTS");
        }
        return all;
    }

    @Override
    public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
        if (readonly) {
            LOG.fine(() -> "Admin UI is read-only: '" + event + "' of " + client.id() + " refused");
            return;
        }
        switch (event) {
            case "emit" -> target(args, 1).ifPresent(target -> {
                String name = text(args.size() > 2 ? args.json(2) : null);
                if (!name.isEmpty()) {
                    target.emit(name, args.values().subList(3, args.size()).toArray());
                }
            });
            case "join" -> target(args, 2).ifPresent(target -> room(args).ifPresent(target::socketsJoin));
            case "leave" -> target(args, 2).ifPresent(target -> room(args).ifPresent(target::socketsLeave));
            case "_disconnect" -> target(args, 2).ifPresent(target ->
                    target.disconnectSockets(args.size() > 1 && args.json(1) == JsonValue.TRUE));
            default -> LOG.fine(() -> "Admin UI sent an unknown command '" + event + "'");
        }
        LOG.fine(() -> "Admin UI " + client.id() + ": " + event + " " + args);
    }

    /**
     * The sockets a command is for: those of the namespace named first, narrowed to the room at {@code filterAt}
     * when there is one (a socket id is a room too). Empty for a namespace that is not live: a command never makes one.
     */
    private Optional<Broadcast> target(Arguments args, int filterAt) {
        String namespace = text(args.size() > 0 ? args.json(0) : null);
        if (!sockets.namespaces().contains(namespace)) {
            LOG.fine(() -> "Admin UI command for unknown namespace '" + namespace + "' ignored");
            return Optional.empty();
        }
        String filter = text(args.size() > filterAt ? args.json(filterAt) : null);
        Broadcast all = sockets.of(namespace);
        return Optional.of(filter.isEmpty() ? all : all.to(filter));
    }

    private static Optional<String> room(Arguments args) {
        String room = text(args.size() > 1 ? args.json(1) : null);
        return room.isEmpty() ? Optional.empty() : Optional.of(room);
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : "";
    }

    /** Compares in time that does not depend on where the texts differ. */
    private static boolean sameText(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onDisconnect(SocketClient client, String reason) {
        dashboards.remove(client.id());
        LOG.fine(() -> "Admin UI " + client.id() + " left: " + reason);
    }

    @Override
    public boolean counted() {
        return false;
    }
}
