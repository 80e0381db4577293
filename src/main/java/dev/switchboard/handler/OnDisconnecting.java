package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a client is leaving the namespace, while it is still in its rooms (Node's {@code disconnecting}):
 * the place to tell them who is leaving. {@link OnDisconnect} methods run after it, once it has left them.
 * Parameters: {@link SocketClient}, and optionally a {@code String} reason, as for {@link OnDisconnect}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnecting {
}
