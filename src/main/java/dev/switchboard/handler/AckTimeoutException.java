package dev.switchboard.handler;

import java.util.concurrent.TimeoutException;

/** No acknowledgement came in time. */
public class AckTimeoutException extends TimeoutException {
    private final transient java.util.List<Object> responses;

    public AckTimeoutException(String message) {
        this(message, java.util.List.of());
    }

    /** @param responses the answers that came in time */
    public AckTimeoutException(String message, java.util.List<Object> responses) {
        super(message);
        this.responses = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(responses));
    }

    /** The answers that came before the time was up (Node's {@code err.responses}). */
    public java.util.List<Object> responses() {
        return responses;
    }
}
