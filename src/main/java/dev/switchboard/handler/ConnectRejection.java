package dev.switchboard.handler;

/**
 * Thrown from an {@link OnConnect} method to refuse the client. It receives
 * {@code {"message": message, "data": data}} as CONNECT_ERROR, which the JS client hands to
 * {@code connect_error} listeners as an Error with {@code .data}.
 */
public class ConnectRejection extends RuntimeException {
    private final transient Object data;

    public ConnectRejection(String message) {
        this(message, null);
    }

    /** @param data any JSON-B serializable value, or null */
    public ConnectRejection(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
