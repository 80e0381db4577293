package dev.switchboard.engine.transport;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The peer address of a WebSocket handshake, which Jakarta WebSocket does not expose: {@code HandshakeRequest}
 * has no remote address, and user properties that name one are a container's own business (neither Payara's
 * Tyrus nor WildFly's Undertow offers one there). Containers upgrade inside the servlet pipeline, so request
 * listeners run around the upgrade request, on the thread that then calls
 * {@link HandshakeCapture#modifyHandshake}: the address crosses over on that thread.
 * <p>
 * Pinned by {@code ContainerBehaviourIT.handshakeKnowsThePeerAddress}.
 */
@WebListener
public class HandshakeAddress implements ServletRequestListener {
    /** Only touched on the request's own thread, within that request: thread confinement, nothing shared. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            CURRENT.set(request.getRemoteAddr());
        } else {
            CURRENT.remove();
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        CURRENT.remove();
    }

    /** The address of the WebSocket handshake in progress on this thread, or null. */
    static String current() {
        return CURRENT.get();
    }
}
