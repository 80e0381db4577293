package dev.switchboard.engine;

/** Why a session closed, with the reason string the reference server uses. */
public enum CloseReason {
    /** The client closed the session (close packet, or its transport went away cleanly). */
    TRANSPORT_CLOSE("transport close"),
    /** The transport failed: TCP reset, network drop, overlapping polls. */
    TRANSPORT_ERROR("transport error"),
    /** No pong within pingTimeout. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not Engine.IO. */
    PARSE_ERROR("parse error"),
    /** The server (application code or an admin) closed the session. */
    FORCED_CLOSE("forced close"),
    /** The application is being undeployed or the server stopped. */
    SERVER_SHUTDOWN("server shutting down"),
    /** The client sent packets faster than maxPacketRate allows (not a reference-server reason). */
    RATE_LIMITED("rate limit exceeded"),
    /** More than maxBufferedBytes waited to be written: the client does not read (not a reference-server reason). */
    BUFFER_FULL("send buffer full");

    private final String wireName;

    CloseReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
