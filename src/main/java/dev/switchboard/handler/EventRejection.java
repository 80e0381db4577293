package dev.switchboard.handler;

/**
 * Thrown from a {@link BeforeEvent} method to stop an event. The client receives an {@code error} event with
 * {@code {"message": message}}, and {@code "data": data} when there is data, as a Node server that answers its
 * middleware's errors with {@code socket.emit("error", …)} sends it.
 */
public class EventRejection extends RuntimeException {
    private final transient Object data;

    public EventRejection(String message) {
        this(message, null);
    }

    /** @param data any JSON-B serializable value, or null */
    public EventRejection(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
