package dev.switchboard.api;

import dev.switchboard.metrics.PrometheusExposition;
import dev.switchboard.metrics.PrometheusWriter;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/metrics}: Prometheus text exposition, for scrapers. */
@Path("metrics")
public class MetricsResource {

    @Inject
    PrometheusExposition exposition;

    @GET
    public Response scrape() {
        return Response.ok(exposition.scrape()).header("Content-Type", PrometheusWriter.CONTENT_TYPE).build();
    }
}
