package dev.switchboard.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Called for each event of this name. Parameters, in any order: {@link SocketClient}, {@link Ack} (to
 * acknowledge later, from any thread), {@link Arguments} (all arguments, raw); every other parameter takes
 * the next event argument, bound with JSON-B ({@code String}, numbers, {@code boolean}, records and POJOs,
 * {@code Map}, {@code List}, {@code jakarta.json.JsonValue}), or {@code byte[]} for a binary attachment.
 * A non-void return value acknowledges the event when the client asked for an acknowledgement
 * (a {@code CompletionStage} acknowledges when it completes).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {
    /** The event name. */
    String value();
}
