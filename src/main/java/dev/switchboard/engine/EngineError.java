package dev.switchboard.engine;

import jakarta.json.Json;

/** Engine.IO request errors, with the code and message the reference server sends. */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version"),
    // The reference server answers a refusal of its own (allowRequest) with FORBIDDEN's code and its own message;
    // these keep that code, so clients see a refusal, and answer 503 so clients and proxies know it is temporary.
    TOO_MANY_CONNECTIONS(4, "Too many connections"),
    TOO_MANY_POLLS(4, "Too many polls in flight");

    private final int code;
    private final String message;

    EngineError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** HTTP status for this error: 403 for a refused request, 503 when a limit is reached, 400 for everything else. */
    public int httpStatus() {
        return switch (this) {
            case FORBIDDEN -> 403;
            case TOO_MANY_CONNECTIONS, TOO_MANY_POLLS -> 503;
            default -> 400;
        };
    }

    /** Whether the refusal is temporary: the same request may succeed later. */
    public boolean retryLater() {
        return httpStatus() == 503;
    }

    /** The JSON body: {@code {"code":N,"message":"…"}}. */
    public String json() {
        return Json.createObjectBuilder().add("code", code).add("message", message).build().toString();
    }
}
