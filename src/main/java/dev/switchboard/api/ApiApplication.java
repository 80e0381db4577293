package dev.switchboard.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The REST API at {@code /api}: its own JAX-RS application, apart from the polling transport. */
@ApplicationPath("/api")
public class ApiApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(InfoResource.class, HealthResource.class, MetricsResource.class, ConnectionsResource.class,
                EmitResource.class, CredentialFilter.class, ApiExceptionMapper.class, ApiFailureMapper.class);
    }
}
