package dev.switchboard.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.logging.Logger;

/** The handler of each namespace, built from the {@link Namespace} beans the extension found. */
@ApplicationScoped
public class HandlerRegistry {
    private static final Logger LOG = Logger.getLogger(HandlerRegistry.class.getName());

    @Inject
    HandlerExtension extension;

    @Inject
    BeanManager beans;

    @Inject
    Instance<BuiltInNamespaces> builtIn;

    /** Namespace name → its handler. Built once per call; the Socket.IO server asks once at startup. */
    public Map<String, NamespaceHandler> handlers() {
        Map<String, NamespaceHandler> handlers = new LinkedHashMap<>();
        group(false).forEach((name, instances) -> {
            HandlerMethods methods = HandlerMethods.of(name, instances);
            LOG.info(() -> "Namespace " + name + ": " + methods.describe());
            handlers.put(name, methods);
        });
        for (BuiltInNamespaces provider : builtIn) {
            provider.namespaces().forEach((name, handler) -> {
                if (handlers.putIfAbsent(name, handler) != null) {
                    throw new IllegalStateException("Namespace " + name + " is the server's own (" + provider.getClass().getSimpleName()
                            + ") and an application bean's: rename one");
                }
            });
        }
        return handlers;
    }

    /**
     * The handlers of {@link Namespace#pattern} and {@link Namespace#matcher} beans, one per distinct pattern or
     * matcher, patterns first (in no particular order among them).
     */
    public List<NamespacePattern> patterns() {
        List<NamespacePattern> patterns = new ArrayList<>();
        List<NamespacePattern> matchers = new ArrayList<>();
        group(true).forEach((key, instances) -> {
            Namespace first = instances.keySet().iterator().next().getAnnotation(Namespace.class);
            boolean removeWhenEmpty = instances.keySet().stream().anyMatch(type -> type.getAnnotation(Namespace.class).removeWhenEmpty());
            HandlerMethods methods = HandlerMethods.of(key, instances);
            LOG.info(() -> "Namespaces " + (first.pattern().isEmpty() ? "taken by " : "matching ") + key
                    + (removeWhenEmpty ? " (removed when empty)" : "") + ": " + methods.describe());
            if (first.pattern().isEmpty()) {
                NamespaceMatcher matcher = (NamespaceMatcher) instanceOf(first.matcher());
                matchers.add(NamespacePattern.decidedBy(first.matcher(), matcher, methods, removeWhenEmpty));
            } else {
                patterns.add(NamespacePattern.of(compiled(key), methods, removeWhenEmpty));
            }
        });
        patterns.addAll(matchers);
        return patterns;
    }

    private static Pattern compiled(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException invalid) {
            throw new IllegalStateException("@Namespace(pattern = \"" + pattern + "\") is not a regular expression: "
                    + invalid.getDescription(), invalid);
        }
    }

    /** Handler beans by the namespace name they serve, or by pattern or matcher class name; each with its instance. */
    private Map<String, Map<Class<?>, Object>> group(boolean byPattern) {
        Map<String, Map<Class<?>, Object>> beansByKey = new LinkedHashMap<>();
        for (Class<?> type : extension.handlerClasses()) {
            Namespace annotation = type.getAnnotation(Namespace.class);
            String name = annotation.value();
            boolean matcher = annotation.matcher() != NamespaceMatcher.class;
            String pattern = matcher ? annotation.matcher().getName() : annotation.pattern();
            if ((name.isEmpty() ? 0 : 1) + (annotation.pattern().isEmpty() ? 0 : 1) + (matcher ? 1 : 0) != 1) {
                throw new IllegalStateException("@Namespace on " + type.getName() + " needs exactly one of a name, a pattern or a matcher");
            }
            if (!name.isEmpty() && !name.startsWith("/")) {
                throw new IllegalStateException("@Namespace(\"" + name + "\") on " + type.getName() + " must start with /");
            }
            if (byPattern != name.isEmpty()) {
                continue;
            }
            beansByKey.computeIfAbsent(byPattern ? pattern : name, n -> new LinkedHashMap<>()).put(type, instanceOf(type));
        }
        return beansByKey;
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
