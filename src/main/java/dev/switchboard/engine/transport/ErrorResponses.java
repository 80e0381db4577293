package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** HTTP answers for Engine.IO request errors: 400, 403 or 503 with {@code {"code":N,"message":"…"}}. */
final class ErrorResponses {
    /** A limit was reached: come back in a few seconds, when other clients may have left. */
    static final int RETRY_AFTER_SECONDS = 5;

    private ErrorResponses() {
    }

    static Response of(EngineError error) {
        Response.ResponseBuilder response = Response.status(error.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.json());
        if (error.retryLater()) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }
}
