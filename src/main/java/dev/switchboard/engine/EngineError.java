package dev.switchboard.engine;

import jakarta.json.Json;

/** Engine.IO request errors, with the code and message the reference server sends. */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

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

    /** HTTP status for this error: 403 for a refused request, 400 for everything else. */
    public int httpStatus() {
        return this == FORBIDDEN ? 403 : 400;
    }

    /** The JSON body: {@code {"code":N,"message":"…"}}. */
    public String json() {
        return Json.createObjectBuilder().add("code", code).add("message", message).build().toString();
    }
}
