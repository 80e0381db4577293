package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.SocketDetails;
import dev.switchboard.adapter.Target;
import dev.switchboard.adapter.cluster.MalformedMessageException;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What both Redis adapters write and read the same way, as {@code socket.io-adapter} does: a broadcast's options
 * {@code {rooms, except, flags}}, a socket as {@code fetchSockets} describes it, request ids. Thread-safe.
 */
final class ClusterWire {
    private static final Logger LOG = Logger.getLogger(ClusterWire.class.getName());
    private final SecureRandom random = new SecureRandom();

    /** {@code {rooms, except, flags}} as Node's adapters write a broadcast's options. */
    static Map<String, Object> options(Target target) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rooms", List.copyOf(target.rooms()));
        options.put("except", List.copyOf(target.except()));
        Map<String, Object> flags = new LinkedHashMap<>();
        if (target.local()) {
            flags.put("local", true);
        }
        if (target.isVolatile()) {
            flags.put("volatile", true);
        }
        options.put("flags", flags);
        return options;
    }

    /** Another node's options, for this node's members only; volatile when its flags say so (Node: any value). */
    static Target target(Map<?, ?> options) {
        boolean isVolatile = options.get("flags") instanceof Map<?, ?> flags && flags.get("volatile") != null;
        return new Target(strings(options.get("rooms")), strings(options.get("except")), true, isVolatile);
    }

    /** How long a broadcast's sender waits for acknowledgements, as its options say; else {@code fallback}. */
    static long ackTimeout(Map<?, ?> options, long fallback) {
        return options.get("flags") instanceof Map<?, ?> flags && flags.get("timeout") instanceof Number ms
                ? ms.longValue() : fallback;
    }

    static Set<String> strings(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new MalformedMessageException("expected a list of rooms");
        }
        Set<String> strings = new LinkedHashSet<>();
        items.forEach(item -> strings.add(String.valueOf(item)));
        return strings;
    }

    /** A socket of this node as a {@code fetchSockets} answer describes it. */
    static Map<String, Object> describe(SocketDetails details) {
        Map<String, Object> socket = new LinkedHashMap<>();
        socket.put("id", details.id());
        socket.put("handshake", details.handshake());
        socket.put("rooms", List.copyOf(details.rooms()));
        socket.put("data", details.data());
        return socket;
    }

    /** A socket another node described; empty when it is not one. */
    @SuppressWarnings("unchecked")
    static Optional<SocketDetails> details(Object socket) {
        if (!(socket instanceof Map<?, ?> map) || !(map.get("id") instanceof String id)) {
            return Optional.empty();
        }
        Map<String, Object> handshake = map.get("handshake") instanceof Map<?, ?> h ? (Map<String, Object>) h : Map.of();
        Map<String, Object> data = map.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        try {
            return Optional.of(new SocketDetails(id, handshake, strings(map.get("rooms")), data));
        } catch (MalformedMessageException malformed) {
            LOG.fine(() -> "Left out a socket another node described without a list of rooms: " + id);
            return Optional.empty();
        }
    }

    String newRequestId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
