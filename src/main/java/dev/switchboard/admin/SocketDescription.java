package dev.switchboard.admin;

import dev.switchboard.handler.Handshake;
import dev.switchboard.handler.SocketClient;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A socket as the dashboard reads it ({@code id}, {@code clientId}, {@code transport}, {@code nsp}, {@code data},
 * {@code handshake} with the eight keys Node's server gives, never the auth payload, and {@code rooms}, its own
 * included).
 */
final class SocketDescription {
    // JavaScript's Date.toString(), which the dashboard shows as it is
    private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ROOT);

    private SocketDescription() {
    }

    static Map<String, Object> of(SocketClient socket) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("id", socket.id());
        described.put("clientId", socket.clientId());
        described.put("transport", socket.transport());
        described.put("nsp", socket.namespace());
        described.put("data", new TreeMap<>(socket.attributes()));
        described.put("handshake", handshake(socket.handshake()));
        List<String> rooms = new ArrayList<>(socket.rooms());
        rooms.sort(null);
        described.put("rooms", rooms);
        return described;
    }

    private static Map<String, Object> handshake(Handshake handshake) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("address", handshake.address() == null ? "" : handshake.address());
        Map<String, Object> headers = new TreeMap<>();
        handshake.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        described.put("headers", headers);
        described.put("query", new TreeMap<>(handshake.query()));
        described.put("issued", handshake.time().toEpochMilli());
        described.put("secure", handshake.secure());
        described.put("time", JS_DATE.format(handshake.time().atZone(ZoneId.systemDefault())));
        described.put("url", handshake.url());
        described.put("xdomain", handshake.header("origin") != null);
        return described;
    }
}
