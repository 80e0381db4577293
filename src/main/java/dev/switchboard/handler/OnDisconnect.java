package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called once when a client has left the namespace: it is in no room any more (as in Node's {@code disconnect}; use
 * {@link OnDisconnecting} to reach its rooms). Parameters: {@link SocketClient}, and optionally a {@code String}
 * reason ("client namespace disconnect", "transport close", "ping timeout", …).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnDisconnect {
}
