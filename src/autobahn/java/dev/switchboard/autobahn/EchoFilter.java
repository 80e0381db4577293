package dev.switchboard.autobahn;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.config.WebSocketImplementation;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.transport.ServletUpgrade;
import dev.switchboard.engine.transport.websocket.FrameEncoder;
import dev.switchboard.engine.transport.websocket.OpeningHandshake;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import dev.switchboard.engine.transport.websocket.WebSocketListener;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code /echo} on Switchboard's own WebSocket (the default {@code websocket=servlet}): the production upgrade
 * ({@link ServletUpgrade}: the opening handshake checked and answered), {@link WebSocketConnection} with its frame decoder, outbox and closing handshake, and the production
 * frame encoder, echoing every text or binary message back as it came, without Engine.IO. What Autobahn|Testsuite
 * fuzzes. With {@code websocket=container} the request goes on to {@link ContainerEcho}. Test builds only.
 */
@WebFilter(urlPatterns = "/echo", asyncSupported = true)
public class EchoFilter extends HttpFilter {

    @Inject
    EngineServer server;

    @Inject
    SwitchboardConfig config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (config.webSocket() != WebSocketImplementation.SERVLET || !OpeningHandshake.isUpgrade(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<OpeningHandshake.Refusal> refusal = ServletUpgrade.refusal(request);
        if (refusal.isPresent()) {
            response.sendError(refusal.get().status(), refusal.get().message());
            return;
        }
        ServletUpgrade.upgrade(request, response, server, EchoLimit.bytes(), Echo::new);
    }

    /** Sends each message back on the connection it came from; on the container's read thread, never blocking. */
    private record Echo(WebSocketConnection connection) implements WebSocketListener {
        @Override
        public void onText(String message) {
            connection.send(FrameEncoder.text(message));
        }

        @Override
        public void onBinary(byte[] message) {
            connection.send(FrameEncoder.binary(message));
        }

        @Override
        public void onClosed(int code, String reason) {
        }

        @Override
        public void onFailed(Throwable cause) {
        }
    }
}
