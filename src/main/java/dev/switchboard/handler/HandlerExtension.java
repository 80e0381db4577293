package dev.switchboard.handler;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the {@link Namespace} beans while CDI scans the deployment: portable, so it works the same on every
 * Jakarta EE 10 container. One instance per deployment, owned by the container.
 */
public class HandlerExtension implements Extension {
    // written only during CDI's scan (one thread), read after deployment
    private final Set<Class<?>> handlerClasses = new LinkedHashSet<>();

    <T> void found(@Observes @WithAnnotations(Namespace.class) ProcessAnnotatedType<T> type) {
        if (type.getAnnotatedType().isAnnotationPresent(Namespace.class)) {
            handlerClasses.add(type.getAnnotatedType().getJavaClass());
        }
    }

    Set<Class<?>> handlerClasses() {
        return Set.copyOf(handlerClasses);
    }
}
