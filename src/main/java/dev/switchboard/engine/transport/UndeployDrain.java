package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Tells every client goodbye on undeploy while they can still hear it. It serves no request: it exists for
 * its {@link #destroy()}, which the web container calls when it starts stopping the application, while waiting
 * polls can still be answered and WebSockets written to. By the time CDI runs {@code @PreDestroy} the container
 * has already answered waiting polls with 503 itself and closed the application's class loader (pinned by
 * RedeployIT).
 * <p>
 * The Servlet spec requires a URL pattern on {@code @WebServlet} (Open Liberty refuses the annotation without one,
 * with an error in its log): it has one nobody asks for, answered 404 like any unknown path.
 */
@WebServlet(name = "switchboard-undeploy-drain", urlPatterns = "/.switchboard-undeploy-drain", loadOnStartup = 1)
public class UndeployDrain extends HttpServlet {

    @Inject
    EngineServer server;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @Override
    public void destroy() {
        server.drain();
    }
}
