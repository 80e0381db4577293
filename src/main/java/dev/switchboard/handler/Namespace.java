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
 * Several beans may serve the same namespace.
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Namespace {
    /** The namespace, starting with "/" ("/" is the main namespace). */
    String value();
}
