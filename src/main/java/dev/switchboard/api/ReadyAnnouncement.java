package dev.switchboard.api;

import dev.switchboard.engine.EngineServer;
import dev.switchboard.socketio.SocketIoServer;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.OptionalInt;
import java.util.logging.Logger;

/**
 * The one line an operator looks for: Switchboard is up, and where. Logged when the web application starts, once
 * the engine and the Socket.IO namespaces have (asking them starts them). A servlet listener rather than a CDI
 * startup observer: it is given the context path, which CDI on WildFly cannot inject outside a request.
 */
@WebListener
public class ReadyAnnouncement implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(ReadyAnnouncement.class.getName());
    private static final int PAYARA_MICRO_DEFAULT_PORT = 8080;

    @Inject
    EngineServer engine;

    @Inject
    SocketIoServer sockets;

    @Override
    public void contextInitialized(ServletContextEvent started) {
        String path = started.getServletContext().getContextPath() + "/";
        // the container knows its port; the application can only ask Payara Micro, the default (and the jar's)
        String base = payaraMicroPort().stream().mapToObj(port -> "http://127.0.0.1:" + port + path).findFirst().orElse(path);
        LOG.info(() -> "Switchboard ready: " + base + " (console), " + base + "socket.io/ (Socket.IO, namespaces "
                + sockets.namespaces() + "), " + base + "api/health/ready (readiness)"
                + (engine.accepting() ? "" : " - not accepting connections"));
    }

    /** Payara Micro's HTTP port, asked through its API without depending on it; empty on other containers. */
    private static OptionalInt payaraMicroPort() {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
            Object instance = micro.getMethod("getInstance").invoke(null);
            Object port = micro.getMethod("getHttpPort").invoke(instance);
            // no port given (--port, payaramicro_port): Payara Micro listens on its default
            return OptionalInt.of(port instanceof Integer number && number > 0 ? number : PAYARA_MICRO_DEFAULT_PORT);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notPayaraMicro) {
            return OptionalInt.empty();
        }
    }
}
