package dev.switchboard.api;

import dev.switchboard.adapter.Adapters;
import dev.switchboard.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /api/health/live} and {@code /api/health/ready} for orchestrators and load balancers. Readiness is
 * the engine's own state (started, not draining for undeploy), read from {@link EngineServer}: the one thing
 * here that the public handler API does not tell.
 */
@Path("health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    EngineServer engine;

    @Inject
    Adapters adapters;

    /** Up while the application answers at all. */
    @GET
    @Path("live")
    public Response live() {
        return HealthCheck.respond(List.of(new HealthCheck("switchboard-live", true, null)));
    }

    /**
     * Up while the realtime endpoint accepts new connections. The adapter is reported, not judged: a node that lost
     * Redis still serves its own clients (and reconnects by itself), so taking it out of a balancer would only
     * lose them too.
     */
    @GET
    @Path("ready")
    public Response ready() {
        boolean accepting = engine.accepting();
        return HealthCheck.respond(List.of(new HealthCheck("switchboard-realtime", accepting, Json.createObjectBuilder()
                .add("accepting", accepting)
                .add("sessions", engine.connections().used())
                .add("maxConnections", engine.connections().limit())
                .add("adapter", adapters.kind().value())
                .add("adapterConnected", adapters.connected())
                .build())));
    }
}
