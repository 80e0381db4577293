package dev.switchboard.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
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
            Object bean = instanceOf(type);
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

    /**
     * The handler's instance. An application-scoped one (what {@link Namespace} makes it, unless the class names
     * another scope) is taken from its context itself, not through its client proxy: the proxy looks the instance
     * up again on every call (a few percent of the CPU of an echo on Payara), and the instance, interceptors and
     * decorators included, is the same one for the application's life. Any other scope keeps the proxy, which finds
     * the instance of the current request or session.
     */
    private Object instanceOf(Class<?> type) {
        Bean<?> bean = beans.resolve(beans.getBeans(type));
        if (bean != null && bean.getScope() == ApplicationScoped.class) {
            return contextualInstance(bean);
        }
        return beans.createInstance().select(type).get();
    }

    private <T> T contextualInstance(Bean<T> bean) {
        return beans.getContext(ApplicationScoped.class).get(bean, beans.createCreationalContext(bean));
    }
}
