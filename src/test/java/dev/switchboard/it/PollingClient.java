package dev.switchboard.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine.IO long-polling spoken by hand over HTTP/1.1, so tests see the exact bytes the server sends.
 * Every request has a timeout: a test that waits for an answer never hangs the build.
 */
final class PollingClient {
    static final String RS = "\u001e";
    /** Engine.IO's answer to a request with the id of a session that has ended, or never was. */
    static final String SESSION_ID_UNKNOWN = "{\"code\":1,\"message\":\"Session ID unknown\"}";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;

    PollingClient(URI base) {
        this.endpoint = base.resolve("socket.io/");
    }

    /** The open packet's fields, as the polling handshake delivered them. */
    record Handshake(String sid, String body, JsonObject json) {
    }

    /** A polling handshake that must succeed. */
    Handshake handshake() {
        HttpResponse<String> response = get("EIO=4&transport=polling");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("0{"), response.body());
        JsonObject json = Json.createReader(new StringReader(response.body().substring(1))).readObject();
        return new Handshake(json.getString("sid"), response.body(), json);
    }

    HttpResponse<String> get(String query, String... headers) {
        return send(request(query, headers).GET().build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String query, String... headers) {
        return http.sendAsync(request(query, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String query, String body, String... headers) {
        return send(request(query, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(String method, String query, HttpRequest.BodyPublisher body, String... headers) {
        return send(request(query, headers).method(method, body).build());
    }

    /** The next GET of a session's poll cycle. */
    HttpResponse<String> poll(String sid) {
        return get(sessionQuery(sid));
    }

    CompletableFuture<HttpResponse<String>> pollAsync(String sid) {
        return getAsync(sessionQuery(sid));
    }

    /** Packets for the server; the answer is "ok" when they were accepted. */
    HttpResponse<String> postPackets(String sid, String payload) {
        return post(sessionQuery(sid), payload);
    }

    /**
     * Polls with {@code sid} until the server answers Engine.IO's "Session ID unknown", for at most 5 s: a session
     * ends on its own executor, a moment after its client saw the close. Returns the last answer's body.
     */
    String awaitSessionUnknown(String sid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body;
        do {
            body = poll(sid).body();
        } while (!SESSION_ID_UNKNOWN.equals(body) && System.nanoTime() < deadline);
        return body;
    }

    static String sessionQuery(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    URI uri(String query) {
        return URI.create(endpoint + "?" + query);
    }

    private HttpRequest.Builder request(String query, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(query)).timeout(REQUEST_TIMEOUT);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
