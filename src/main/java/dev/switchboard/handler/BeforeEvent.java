package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Per-event middleware (Node's {@code socket.use}): runs before the handlers of every event of the namespace, the
 * catch-all included. Parameters, in any order: {@link SocketClient}, {@code String} (the event name),
 * {@link Arguments}. Return normally to let the event through; throw {@link EventRejection} to stop it: no handler
 * runs, no acknowledgement is sent, and the client receives an {@code error} event carrying
 * {@code {"message": …, "data": …}}. Any other exception stops the event too, as {@code "Server error"}.
 * <p>
 * Several such methods run in turn until one rejects; across beans their order is not defined, so keep a chain that
 * depends on its order in one bean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeEvent {
}
