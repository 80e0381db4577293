package dev.switchboard.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** The handler of each namespace, built from the {@link Namespace} beans the extension found. */
@ApplicationScoped
public class HandlerRegistry {
    private static final Logger LOG = Logger.getLogger(HandlerRegistry.class.getName());

    @Inject
    HandlerExtension extension;

    @Inject
    BeanManager beans;

    /** Namespace name → its handler. Built once per call; the Socket.IO server asks once at startup. */
    public Map<String, NamespaceHandler> handlers() {
        Map<String, Map<Class<?>, Object>> beansByNamespace = new LinkedHashMap<>();
        for (Class<?> type : extension.handlerClasses()) {
            String name = type.getAnnotation(Namespace.class).value();
            if (!name.startsWith("/")) {
                throw new IllegalStateException("@Namespace(\"" + name + "\") on " + type.getName() + " must start with /");
            }
            Object bean = beans.createInstance().select(type).get();
            beansByNamespace.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(type, bean);
        }
        Map<String, NamespaceHandler> handlers = new LinkedHashMap<>();
        beansByNamespace.forEach((name, instances) -> {
            HandlerMethods methods = HandlerMethods.of(name, instances);
            LOG.info(() -> "Namespace " + name + ": " + methods.describe());
            handlers.put(name, methods);
        });
        return handlers;
    }
}
