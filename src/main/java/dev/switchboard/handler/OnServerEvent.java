package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when another node of the cluster sends this namespace a server-side event
 * ({@link SocketServer#serverSideEmit}, Node's {@code io.serverSideEmit}). Parameters as for {@link OnEvent},
 * without a {@link SocketClient}: {@link Ack}, {@link Arguments}, or the event's arguments one by one. When the
 * sender asked for an acknowledgement, a non-void return value (or {@code ack.send}) answers it; as in Node, only
 * the first answer's first value travels back.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnServerEvent {
    /** The event name. */
    String value();
}
