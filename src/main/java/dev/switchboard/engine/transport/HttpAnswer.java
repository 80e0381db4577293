package dev.switchboard.engine.transport;

import dev.switchboard.engine.EngineError;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a polling request is answered with: status, content type and body, written once to the servlet response.
 * Errors are Engine.IO's: 400, 403 or 503 with {@code {"code":N,"message":"…"}}, and a Retry-After on 503.
 *
 * @param contentType null for an answer without a body
 */
record HttpAnswer(int status, String contentType, byte[] body, int retryAfterSeconds) {
    /** A limit was reached: come back in a few seconds, when other clients may have left. */
    static final int RETRY_AFTER_SECONDS = 5;
    static final String PAYLOAD_TYPE = "text/plain; charset=UTF-8";
    private static final byte[] NOTHING = new byte[0];
    private static final HttpAnswer OK = new HttpAnswer(200, "text/html; charset=UTF-8",
            "ok".getBytes(StandardCharsets.US_ASCII), 0);

    /** A poll's packets, encoded as a polling payload. */
    static HttpAnswer payload(byte[] body) {
        return new HttpAnswer(200, PAYLOAD_TYPE, body, 0);
    }

    /** A POST's packets were taken. */
    static HttpAnswer ok() {
        return OK;
    }

    static HttpAnswer error(EngineError error) {
        return new HttpAnswer(error.httpStatus(), "application/json", error.json().getBytes(StandardCharsets.UTF_8),
                error.retryLater() ? RETRY_AFTER_SECONDS : 0);
    }

    /** A status alone: 204 for a preflight, 404 off the endpoint, 413 for a body over maxPayload. */
    static HttpAnswer status(int status) {
        return new HttpAnswer(status, null, NOTHING, 0);
    }

    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        if (contentType != null) {
            response.setContentType(contentType);
        }
        response.setContentLength(body.length);
        if (body.length > 0) {
            response.getOutputStream().write(body);
        }
    }
}
