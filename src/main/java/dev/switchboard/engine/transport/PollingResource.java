package dev.switchboard.engine.transport;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.ClientRequest;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineServer;
import dev.switchboard.engine.EngineSession;
import dev.switchboard.engine.Transport;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /socket.io/} over plain HTTP: the long-polling transport's requests and polling handshakes.
 * WebSocket upgrades to the same path go to {@link WebSocketEndpoint}.
 */
@Path("/")
public class PollingResource {

    @Inject
    EngineServer server;

    @Inject
    SwitchboardConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Context
    HttpServletRequest servletRequest;

    @GET
    public void get(@Suspended AsyncResponse response) {
        ClientRequest request = clientRequest("GET");
        Optional<EngineError> error = verify(request);
        if (error.isPresent()) {
            response.resume(ErrorResponses.of(error.get()));
            return;
        }
        if (request.sid() == null) {
            PollingTransport transport = newTransport();
            EngineSession session = server.open(request, transport);
            transport.poll(session != null && !config.cookie().isEmpty()
                    ? new HandshakeCookie(config.cookie()).on(response, session.sid()) : response);
            return;
        }
        pollingTransportOf(request).ifPresentOrElse(
                transport -> transport.poll(response),
                () -> response.resume(ErrorResponses.of(EngineError.BAD_REQUEST)));
    }

    @POST
    public Response post(InputStream body) {
        ClientRequest request = clientRequest("POST");
        Optional<EngineError> error = verify(request);
        if (error.isPresent()) {
            return ErrorResponses.of(error.get());
        }
        return pollingTransportOf(request)
                .map(transport -> transport.receive(body, servletRequest.getContentLengthLong()))
                .orElseGet(() -> ErrorResponses.of(EngineError.BAD_REQUEST));
    }

    /** CORS preflight; {@link CorsFilter} adds the headers when the origin is allowed. */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }

    @PUT
    public Response put() {
        return otherMethod("PUT");
    }

    @DELETE
    public Response delete() {
        return otherMethod("DELETE");
    }

    @PATCH
    public Response patch() {
        return otherMethod("PATCH");
    }

    private Response otherMethod(String method) {
        ClientRequest request = clientRequest(method);
        return ErrorResponses.of(verify(request).orElse(EngineError.BAD_REQUEST));
    }

    private Optional<EngineError> verify(ClientRequest request) {
        Optional<EngineError> error = server.verify(request);
        if (error.isEmpty() && !"polling".equals(request.transport())) {
            return Optional.of(EngineError.BAD_REQUEST); // transport=websocket without an Upgrade header
        }
        return error;
    }

    private PollingTransport newTransport() {
        var settings = server.settings();
        return new PollingTransport(settings.maxPayload(), settings.pingInterval() + settings.pingTimeout(),
                server.polls(), server.observer(), server::executeOffRequestThreads);
    }

    /** The session's transport, when it is (still) polling. */
    private Optional<PollingTransport> pollingTransportOf(ClientRequest request) {
        return server.find(request.sid())
                .map(EngineSession::transport)
                .filter(PollingTransport.class::isInstance)
                .map(PollingTransport.class::cast);
    }

    private ClientRequest clientRequest(String method) {
        Map<String, String> query = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        return new ClientRequest(method, uri.getRequestUri().getRawPath(), query, headers.getRequestHeaders(),
                servletRequest.getRemoteAddr(), servletRequest.isSecure());
    }
}
