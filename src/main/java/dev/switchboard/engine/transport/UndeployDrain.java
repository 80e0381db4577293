package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;

/**
 * Tells every client goodbye on undeploy while they can still hear it. It serves no request: it exists for
 * its {@link #destroy()}, which the web container calls when it starts stopping the application, while waiting
 * polls can still be answered and WebSockets written to. By the time CDI runs {@code @PreDestroy} the container
 * has already answered waiting polls with 503 itself and closed the application's class loader (pinned by
 * RedeployIT).
 */
@WebServlet(name = "switchboard-undeploy-drain", loadOnStartup = 1)
public class UndeployDrain extends HttpServlet {

    @Inject
    EngineServer server;

    @Override
    public void destroy() {
        server.drain();
    }
}
