package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.SessionSettings;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

import java.util.logging.Logger;

/**
 * Gives every WebSocket session of this application its idle timeout from the moment the container creates it,
 * as the container's default. Tyrus applies the default in the session's constructor and, with the default of 0,
 * schedules an idle check that runs at once; setting the timeout afterwards, in {@link WebSocketEndpoint#open},
 * raced with that check, which could then see the new timeout and close the brand-new session "because of the
 * idle timeout" (code 1006, the same millisecond as "opened": about 1 connection in 10,000 under bench/ load).
 */
@WebListener
public class WebSocketIdleTimeout implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(WebSocketIdleTimeout.class.getName());
    /** Above the heartbeat's own deadline, so the container's idle timeout never closes a healthy session. */
    private static final long MARGIN_MILLIS = 5000;

    @Inject
    EngineServer server;

    static long of(SessionSettings settings) {
        return settings.pingInterval() + settings.pingTimeout() + MARGIN_MILLIS;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxSessionIdleTimeout(of(server.settings()));
        } else {
            LOG.warning("No WebSocket container in this application: WebSocket idle timeout left to the container");
        }
    }
}
