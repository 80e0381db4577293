package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The catch-all: called for every event of the namespace that no {@link OnEvent} method handles (Flask-SocketIO's
 * {@code @socketio.on("*")}; Node's {@code socket.onAny} with a check for the events it handles). Parameters, in any
 * order: {@link SocketClient}, {@code String} (the event name), {@link Arguments} (its arguments), {@link Ack}.
 * A non-void return value acknowledges the event when the client asked for it, as with {@link OnEvent}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnAnyEvent {
}
