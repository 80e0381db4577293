package dev.switchboard.api;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error the REST API answers with: {@code {"status":N,"error":"Reason Phrase","message":"…"}}. */
final class ApiErrors {
    private ApiErrors() {
    }

    static Response of(int status, String message) {
        return builder(status, message).build();
    }

    static Response.ResponseBuilder builder(int status, String message) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "Error" : type.getReasonPhrase();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.createObjectBuilder()
                .add("status", status).add("error", reason).add("message", message).build().toString());
    }
}
