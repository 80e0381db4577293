package dev.switchboard.config;

import java.util.Locale;

/** Which code speaks WebSocket on {@code /socket.io/}: setting {@code websocket}. */
public enum WebSocketImplementation {
    /** Switchboard's own RFC 6455 on the Servlet upgrade API: the same code and costs on every container. */
    SERVLET,
    /** The container's Jakarta WebSocket implementation (Tyrus, Undertow) through a {@code @ServerEndpoint}. */
    CONTAINER;

    /** The setting's value, e.g. {@code servlet}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
