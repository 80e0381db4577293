package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** HTTP answers for Engine.IO request errors: 400 or 403 with {@code {"code":N,"message":"…"}}. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static Response of(EngineError error) {
        return Response.status(error.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.json()).build();
    }
}
