package dev.switchboard.it.support;

import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnEvent;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * A handler of /test on CDI's request scope: handlers run outside any HTTP request on every transport, and one that
 * needs request-scoped beans activates a context of its own per call with CDI's {@code @ActivateRequestContext}.
 */
@Namespace("/test")
public class ScopedNamespace {

    /** Lives as long as one request context: a fresh id and count in each. */
    @RequestScoped
    public static class CallScope {
        private final String id = UUID.randomUUID().toString();
        private int count;

        int touch() {
            return ++count;
        }

        String id() {
            return id;
        }
    }

    @Inject
    BeanManager beans;

    @Inject
    CallScope scope;

    @OnEvent("requestContextActive")
    boolean requestContextActive() {
        try {
            return beans.getContext(RequestScoped.class).isActive();
        } catch (ContextNotActiveException inactive) {
            return false;
        }
    }

    @ActivateRequestContext
    @OnEvent("scopedTwice")
    String scopedTwice() {
        scope.touch();
        return scope.id() + ":" + scope.touch();
    }
}
