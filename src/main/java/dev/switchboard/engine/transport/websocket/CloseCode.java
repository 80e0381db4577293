package dev.switchboard.engine.transport.websocket;

/** The RFC 6455 section 7.4 close codes this server sends, with their wire values. */
public enum CloseCode {
    NORMAL(1000),
    GOING_AWAY(1001),
    PROTOCOL_ERROR(1002),
    /** The frame's payload is not what its type says: text that is not UTF-8. */
    INVALID_PAYLOAD(1007),
    POLICY_VIOLATION(1008),
    MESSAGE_TOO_BIG(1009),
    INTERNAL_ERROR(1011),
    /** Registered by IANA after RFC 6455: a temporary condition, the client may retry later. */
    TRY_AGAIN_LATER(1013);

    /** What the listener hears when the connection ended without a close frame (never sent on the wire). */
    public static final int ABNORMAL = 1006;
    /** What the listener hears when a close frame carried no code (never sent on the wire). */
    public static final int NO_STATUS = 1005;

    private final int wire;

    CloseCode(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Whether a peer may send this code in a close frame: the defined codes and the 3000–4999 private range. */
    static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
