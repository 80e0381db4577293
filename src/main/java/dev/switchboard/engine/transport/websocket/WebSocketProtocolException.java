package dev.switchboard.engine.transport.websocket;

/** The peer broke RFC 6455 (or a limit of ours); the connection closes with {@link #code()}. */
public final class WebSocketProtocolException extends Exception {
    private final CloseCode code;

    public WebSocketProtocolException(CloseCode code, String message) {
        super(message, null, false, false); // an expected client mistake: no stack trace to fill
        this.code = code;
    }

    public CloseCode code() {
        return code;
    }
}
