package dev.switchboard.engine.transport;

import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.Transport;

import java.util.Optional;
import java.util.logging.Logger;

/** What becomes of a new WebSocket, whichever implementation carries it: a new session, an upgrade, or a refusal. */
final class WebSocketAdmission {
    private static final Logger LOG = Logger.getLogger(WebSocketAdmission.class.getName());

    private WebSocketAdmission() {
    }

    /** Opens a session on {@code transport}, offers it to the session it names (an upgrade), or refuses it. */
    static void admit(EngineServer server, ClientRequest request, Transport transport) {
        Optional<EngineError> error = server.verify(request)
                .or(() -> "websocket".equals(request.transport()) ? Optional.empty() : Optional.of(EngineError.BAD_REQUEST));
        if (error.isPresent()) {
            LOG.fine(() -> "Refused WebSocket " + request.path() + ": " + error.get().message());
            transport.refuse(error.get());
        } else if (request.sid() == null) {
            server.open(request, transport);
        } else {
            server.find(request.sid()).ifPresentOrElse(
                    session -> session.offerUpgrade(transport),
                    () -> transport.refuse(EngineError.UNKNOWN_SID));
        }
    }
}
