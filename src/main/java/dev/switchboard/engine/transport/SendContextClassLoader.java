package dev.switchboard.engine.transport;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The context class loader a WebSocket frame is sent under: the application's own loader, except that it declares
 * no Jakarta Concurrency {@code ThreadContextProvider}.
 * <p>
 * Why: Tyrus restarts a session's idle timer on every frame it sends by scheduling a task on the container's
 * managed scheduler, and Payara captures the thread's context for each task with
 * {@code ServiceLoader.load(ThreadContextProvider.class, contextClassLoader)}: through the application's loader
 * that reads every jar of the server, about half of the CPU a broadcast delivery costs (bench/README.md). This
 * loader answers that one lookup at once, with nothing, and delegates everything else, so the captured context
 * still loads the application's classes if the timer fires. Switchboard registers no thread context provider
 * and the send runs no application code. Immutable; one per deployment, since its parent is the deployment's.
 */
final class SendContextClassLoader extends ClassLoader {
    private static final String CONTEXT_PROVIDERS =
            "META-INF/services/jakarta.enterprise.concurrent.spi.ThreadContextProvider";

    static {
        registerAsParallelCapable();
    }

    SendContextClassLoader(ClassLoader application) {
        super("switchboard-send", application);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return CONTEXT_PROVIDERS.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }

    @Override
    public URL getResource(String name) {
        return CONTEXT_PROVIDERS.equals(name) ? null : super.getResource(name);
    }
}
