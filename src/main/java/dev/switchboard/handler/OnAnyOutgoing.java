package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for every event sent to a client of the namespace, whoever sent it: an emit to the client, a broadcast
 * that reaches it (from this node or another), an emit asking for an acknowledgement; not the acknowledgements
 * themselves. Node's {@code socket.onAnyOutgoing}, for auditing. Parameters, in any order: {@link SocketClient},
 * {@code String} (the event name), {@link Arguments} (the arguments as they go on the wire).
 * <p>
 * Runs on the thread that emits, before the event is queued for the client: keep it short, and do not block. It
 * sees an event even when the client then drops it (a volatile emit it cannot take now).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnAnyOutgoing {
}
