package dev.switchboard.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails the test class when Switchboard logged a SEVERE record, or an exception escaped from its code into the
 * container, while the class ran: client mistakes are FINE, and nothing may reach the container's threads.
 * Register it after ArquillianExtension, so the server is up when the mark is taken.
 * <p>
 * Errors the container logs about its own code are reported on stderr, not failed on: Payara Micro 6.2025.10
 * now and then logs one (NullPointerException in Grizzly or TyrusServletUpgrade, "Response has not been set")
 * on the connection of a WebSocket the server has just closed while the client answered the close.
 */
final class CleanServerLog implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CleanServerLog.class);

    /** Every container's log is read (ServerLog knows Payara's, WildFly's, GlassFish's and Open Liberty's); "none" turns it off. */
    private static boolean readable() {
        return !"none".equals(System.getProperty("switchboard.serverLogFormat", "payara"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (readable()) {
            OwnServer server = context.getRequiredTestClass().getAnnotation(OwnServer.class);
            context.getStore(NAMESPACE).put(ServerLog.class, server == null ? ServerLog.fromNow() : ServerLog.ofServer(server.value()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ServerLog log = context.getStore(NAMESPACE).get(ServerLog.class, ServerLog.class);
        if (log == null) {
            return;
        }
        List<String> containerTrouble = log.assertNothingFromSwitchboard();
        if (!containerTrouble.isEmpty()) {
            System.err.println(context.getDisplayName() + ": the container logged " + containerTrouble.size()
                    + " error(s) in its own code; the first:\n" + containerTrouble.get(0));
        }
    }
}
