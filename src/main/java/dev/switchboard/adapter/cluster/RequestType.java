package dev.switchboard.adapter.cluster;

import java.util.Optional;

/** What one node asks the others, with the numbers Node's Redis adapter puts in a request's {@code type}. */
public enum RequestType {
    SOCKETS(0),
    ALL_ROOMS(1),
    REMOTE_JOIN(2),
    REMOTE_LEAVE(3),
    REMOTE_DISCONNECT(4),
    REMOTE_FETCH(5),
    SERVER_SIDE_EMIT(6),
    BROADCAST(7),
    BROADCAST_CLIENT_COUNT(8),
    BROADCAST_ACK(9);

    private final int code;

    RequestType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<RequestType> of(Object code) {
        if (code instanceof Number number) {
            for (RequestType type : values()) {
                if (type.code == number.longValue()) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }
}
