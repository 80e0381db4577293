package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called when a client joins the namespace, before it is told it joined. Parameters: {@link SocketClient}.
 * Throw {@link ConnectRejection} to refuse: the client gets a CONNECT_ERROR with its message and data.
 * Emits made here reach the client right after it is told it joined. Runs again for a socket that came back with
 * connection state recovery ({@link SocketClient#recovered()}), which then cannot be refused unless
 * {@code skipMiddlewares} is false.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnConnect {
}
