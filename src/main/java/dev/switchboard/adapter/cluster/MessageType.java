package dev.switchboard.adapter.cluster;

import java.util.Optional;

/**
 * The types of {@code socket.io-adapter}'s cluster messages ({@code ClusterAdapter}), which
 * {@code @socket.io/redis-streams-adapter} carries on its stream and channels. Not the request types of the
 * pub/sub Redis adapter ({@link RequestType}).
 */
public enum MessageType {
    INITIAL_HEARTBEAT(1),
    HEARTBEAT(2),
    BROADCAST(3),
    SOCKETS_JOIN(4),
    SOCKETS_LEAVE(5),
    DISCONNECT_SOCKETS(6),
    FETCH_SOCKETS(7),
    FETCH_SOCKETS_RESPONSE(8),
    SERVER_SIDE_EMIT(9),
    SERVER_SIDE_EMIT_RESPONSE(10),
    BROADCAST_CLIENT_COUNT(11),
    BROADCAST_ACK(12),
    ADAPTER_CLOSE(13);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of this code (a number, or the digits a stream entry holds), if it is one. */
    public static Optional<MessageType> of(Object code) {
        long value;
        if (code instanceof Number number) {
            value = number.longValue();
        } else if (code instanceof String text && text.matches("[0-9]{1,3}")) {
            value = Long.parseLong(text);
        } else {
            return Optional.empty();
        }
        for (MessageType type : values()) {
            if (type.code == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Whether the streams adapter may write this type's data as MessagePack (base64) when it holds binary. */
    public boolean mayCarryBinary() {
        return this == BROADCAST || this == FETCH_SOCKETS_RESPONSE || this == SERVER_SIDE_EMIT
                || this == SERVER_SIDE_EMIT_RESPONSE || this == BROADCAST_ACK;
    }
}
