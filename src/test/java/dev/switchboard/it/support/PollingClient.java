package dev.switchboard.it.support;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engine.IO long-polling spoken by hand over HTTP/1.1 (the JDK's client), so tests see the exact bytes the server
 * sends: any request by its query, or, through {@link #open}, one session's requests as a client makes them. Every
 * request has a timeout: a test that waits for an answer never hangs the build.
 */
public final class PollingClient {
    public static final String RS = "\u001e";
    /** Engine.IO's answer to a request with the id of a session that has ended, or never was. */
    public static final String SESSION_ID_UNKNOWN = "{\"code\":1,\"message\":\"Session ID unknown\"}";
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;

    /** Requests to {@code base}socket.io/. */
    public PollingClient(URI base) {
        this.endpoint = base.resolve("socket.io/");
    }

    /** The open packet's fields, as the polling handshake delivered them. */
    public record Handshake(String sid, String body, JsonObject json) {
    }

    /** A polling handshake that must succeed. */
    public Handshake handshake() {
        HttpResponse<String> response = get("EIO=4&transport=polling");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("0{"), response.body());
        JsonObject json = Json.createReader(new StringReader(response.body().substring(1))).readObject();
        return new Handshake(json.getString("sid"), response.body(), json);
    }

    /** A polling handshake at {@code base} with {@code headers}, as it is answered, refused or not. */
    public static HttpResponse<String> handshake(URI base, Map<String, String> headers) {
        return new PollingClient(base).get("EIO=4&transport=polling", headerList(headers));
    }

    /** Handshakes at {@code base} with {@code headers}; fails unless the server opens a session. */
    public static Session open(URI base, Map<String, String> headers) {
        PollingClient client = new PollingClient(base);
        HttpResponse<String> response = client.get("EIO=4&transport=polling", headerList(headers));
        Matcher sid = SID.matcher(response.body());
        if (response.statusCode() != 200 || !sid.find()) {
            throw new IllegalStateException("handshake refused: " + response.statusCode() + " " + response.body());
        }
        return client.new Session(sid.group(1));
    }

    public HttpResponse<String> get(String query, String... headers) {
        return send(request(query, headers).GET().build());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String query, String... headers) {
        return http.sendAsync(request(query, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String query, String body, String... headers) {
        return send(request(query, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public CompletableFuture<HttpResponse<String>> postAsync(String query, String body, String... headers) {
        return http.sendAsync(request(query, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(String method, String query, HttpRequest.BodyPublisher body, String... headers) {
        return send(request(query, headers).method(method, body).build());
    }

    /** The next GET of a session's poll cycle. */
    public HttpResponse<String> poll(String sid) {
        return get(sessionQuery(sid));
    }

    public CompletableFuture<HttpResponse<String>> pollAsync(String sid) {
        return getAsync(sessionQuery(sid));
    }

    /** Packets for the server; the answer is "ok" when they were accepted. */
    public HttpResponse<String> postPackets(String sid, String payload) {
        return post(sessionQuery(sid), payload);
    }

    /**
     * Polls with {@code sid} until the server answers Engine.IO's "Session ID unknown", for at most 5 s: a session
     * ends on its own executor, a moment after its client saw the close. Returns the last answer's body.
     */
    public String awaitSessionUnknown(String sid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String body;
        do {
            body = poll(sid).body();
        } while (!SESSION_ID_UNKNOWN.equals(body) && System.nanoTime() < deadline);
        return body;
    }

    public static String sessionQuery(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    public URI uri(String query) {
        return URI.create(endpoint + "?" + query);
    }

    /** One session's requests, as a client makes them. */
    public final class Session {
        public final String sid;

        private Session(String sid) {
            this.sid = sid;
        }

        public HttpResponse<String> get() {
            return poll(sid);
        }

        /** A GET sent now and answered later: a poll that waits while the test does something else. */
        public CompletableFuture<HttpResponse<String>> getAsync() {
            return pollAsync(sid);
        }

        public HttpResponse<String> post(String payload) {
            return postPackets(sid, payload);
        }

        /** A POST sent now and answered later. */
        public CompletableFuture<HttpResponse<String>> postAsync(String payload) {
            return PollingClient.this.postAsync(sessionQuery(sid), payload);
        }

        /**
         * Polls until a payload holds a close packet (1), answering each ping (2) with a pong, as a client does.
         * Completes with that last response: its status and body are what the server answered the waiting GET with.
         */
        public CompletableFuture<HttpResponse<String>> pollUntilClosed() {
            return CompletableFuture.supplyAsync(() -> {
                long deadline = System.nanoTime() + REQUEST_TIMEOUT.multipliedBy(3).toNanos();
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> response = get();
                    if (response.statusCode() != 200) {
                        return response;
                    }
                    String[] packets = response.body().split(RS);
                    for (String packet : packets) {
                        if (packet.equals("1")) {
                            return response;
                        }
                    }
                    for (String packet : packets) {
                        if (packet.equals("2")) {
                            post("3");
                        }
                    }
                }
                throw new CompletionException(new IllegalStateException("no close packet within the deadline"));
            });
        }
    }

    private static String[] headerList(Map<String, String> headers) {
        return headers.entrySet().stream().flatMap(header -> Stream.of(header.getKey(), header.getValue()))
                .toArray(String[]::new);
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
