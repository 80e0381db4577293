package dev.switchboard.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The container's own errors (404 unknown path, 405, 406, 415) as JSON, like every other API error. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.ResponseBuilder json = ApiErrors.builder(original.getStatus(), original.getStatusInfo().getReasonPhrase());
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> json.header(name, value));
            }
        });
        return json.build();
    }
}
