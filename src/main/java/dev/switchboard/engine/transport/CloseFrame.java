package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.transport.websocket.CloseCode;

/**
 * The WebSocket close frame that tells a client why its connection ends, the same whichever WebSocket
 * implementation sends it.
 *
 * @param reason the close frame's reason text
 */
record CloseFrame(CloseCode code, String reason) {

    /** A session's close: its code tells the client why, where a code fits. */
    static CloseFrame closing(CloseReason why) {
        return switch (why) {
            // RFC 6455 1001: the server is going down; clients reconnect (elsewhere)
            case SERVER_SHUTDOWN -> new CloseFrame(CloseCode.GOING_AWAY, why.wireName());
            // RFC 6455 1008: the client broke a rule of the server's
            case RATE_LIMITED, BUFFER_FULL -> new CloseFrame(CloseCode.POLICY_VIOLATION, why.wireName());
            default -> new CloseFrame(CloseCode.NORMAL, "");
        };
    }

    /** A refused WebSocket: the reason carries the same JSON as the HTTP error body. */
    static CloseFrame refusing(EngineError error) {
        CloseCode code = switch (error) {
            case FORBIDDEN -> CloseCode.POLICY_VIOLATION;
            // RFC 6455 1013 "Try Again Later": a limit, not a fault of the client's
            case TOO_MANY_CONNECTIONS, TOO_MANY_POLLS -> CloseCode.TRY_AGAIN_LATER;
            default -> CloseCode.PROTOCOL_ERROR;
        };
        return new CloseFrame(code, error.json());
    }
}
