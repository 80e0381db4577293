package dev.switchboard.engine.transport;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/**
 * JAX-RS at {@code /socket.io}: plain GET/POST there are polling; the WebSocket endpoint on the same path
 * takes upgrade requests first. Listing the classes keeps the REST API's resources out of this path.
 */
@ApplicationPath("/socket.io")
public class PollingApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(PollingResource.class, CorsFilter.class);
    }
}
