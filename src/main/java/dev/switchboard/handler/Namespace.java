package dev.switchboard.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose {@link OnConnect}, {@link OnEvent} and {@link OnDisconnect} methods serve a Socket.IO
 * namespace. It is a stereotype: the class becomes an application-scoped bean, discovered by CDI alone.
 * Several beans may serve the same namespace (or the same pattern).
 * <p>
 * With {@link #pattern} the bean serves every namespace whose whole name matches it (Node's
 * {@code io.of(/^\/workspace-\d+$/)}): such a namespace is made on the first CONNECT to it, each with its own
 * clients and rooms ({@link SocketClient#namespace()} names it), and {@link SocketServer#ofPattern} reaches them all.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Namespace {
    /** The namespace, starting with "/" ("/" is the main namespace); empty when {@link #pattern} is given. */
    String value() default "";

    /**
     * A regular expression ({@link java.util.regex.Pattern}) the whole namespace name must match, as
     * {@code "/workspace-\\d+"}; empty for a namespace of one name ({@link #value}). A name served by a
     * {@link #value} bean never goes to a pattern.
     */
    String pattern() default "";

    /**
     * A bean that decides which names this bean serves, from the name and the client's handshake (its auth payload,
     * say): Node's {@code io.of((name, auth, next) => …)}. {@code NamespaceMatcher.class} itself means none. Like a
     * {@link #pattern}, it applies only to names no bean serves by name, and each name it takes is a namespace of its own.
     */
    Class<? extends NamespaceMatcher> matcher() default NamespaceMatcher.class;

    /**
     * Whether a namespace made from {@link #pattern} (or taken by a {@link #matcher}) is removed when its last client leaves (Node's
     * {@code cleanupEmptyChildNamespaces}, per pattern here). On by default, unlike Node: clients choose the names
     * they connect to, and without it every name one client tries would keep a namespace (and, with a cluster
     * adapter, its subscriptions) for the life of the server. Turn it off for a small set of names whose recovery
     * logs must outlive a moment with no client.
     */
    boolean removeWhenEmpty() default true;
}
