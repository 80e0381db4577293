package dev.switchboard.handler;

/**
 * The acknowledgement a client asked for with an event. Only the first call sends; it may come from any
 * thread, at any later time. When the client asked for none, calls do nothing.
 */
@FunctionalInterface
public interface Ack {
    /** What a handler's {@code Ack} parameter gets when the client asked for no acknowledgement. */
    Ack NONE = new Ack() {
        @Override
        public void send(Object... args) {
        }

        @Override
        public boolean requested() {
            return false;
        }
    };

    /** Sends the acknowledgement with these arguments (JSON-B serializable values, or byte[] for binary). */
    void send(Object... args);

    /**
     * Whether the client asked for an acknowledgement (Node's {@code typeof args.at(-1) === "function"}): a handler
     * that answers either way, as an ack or as an event, asks this.
     */
    default boolean requested() {
        return true;
    }
}
