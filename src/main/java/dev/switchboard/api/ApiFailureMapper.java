package dev.switchboard.api;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Our own bugs in an API resource: logged SEVERE with the path, answered 500 in the API's JSON error shape
 * instead of the container's HTML page. Client mistakes never get here: resources answer them with 4xx, and
 * {@link ApiExceptionMapper} takes the container's own {@link jakarta.ws.rs.WebApplicationException}s.
 */
@Provider
public class ApiFailureMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(ApiFailureMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(RuntimeException bug) {
        LOG.log(Level.SEVERE, "REST API request to " + uri.getPath() + " failed", bug);
        return ApiErrors.of(500, "Internal error; the server log has the details");
    }
}
