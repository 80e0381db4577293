package dev.switchboard.it.support;

import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnEvent;

import java.util.concurrent.atomic.AtomicInteger;

/** A handler of /test whose method has an interceptor: handlers are called through CDI, interceptors included. */
@Namespace("/test")
public class InterceptedNamespace {
    private final AtomicInteger calls = new AtomicInteger();

    @Tagged
    @OnEvent("tagged")
    String tagged(String text) {
        return text + "#" + calls.incrementAndGet();
    }
}
