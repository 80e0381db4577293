package dev.switchboard.it.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Engine.IO long-polling client on the wire (JDK HTTP client): handshake, POST packets, and a poll loop
 * that answers pings like a real client and ends with the first payload holding a close packet.
 */
public final class PollingClient {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    public final String sid;

    private PollingClient(URI endpoint, String sid) {
        this.endpoint = endpoint;
        this.sid = sid;
    }

    /** Handshakes at {@code base}socket.io/; fails unless the server opens a session. */
    public static PollingClient open(URI base, Map<String, String> headers) throws Exception {
        URI endpoint = base.resolve("socket.io/");
        PollingClient probe = new PollingClient(endpoint, null);
        HttpResponse<String> response = probe.handshake(headers);
        Matcher sid = SID.matcher(response.body());
        if (response.statusCode() != 200 || !sid.find()) {
            throw new IllegalStateException("handshake refused: " + response.statusCode() + " " + response.body());
        }
        return new PollingClient(endpoint, sid.group(1));
    }

    /** A polling handshake as it is answered, refused or not. */
    public static HttpResponse<String> handshake(URI base, Map<String, String> headers) throws Exception {
        return new PollingClient(base.resolve("socket.io/"), null).handshake(headers);
    }

    private HttpResponse<String> handshake(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "?EIO=4&transport=polling"))
                .timeout(Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI sessionUri() {
        return URI.create(endpoint + "?EIO=4&transport=polling&sid=" + sid);
    }

    public HttpResponse<String> post(String payload) throws Exception {
        return http.send(HttpRequest.newBuilder(sessionUri()).POST(HttpRequest.BodyPublishers.ofString(payload))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .timeout(Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(sessionUri()).timeout(Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET sent now and answered later: a poll that waits while the test does something else. */
    public CompletableFuture<HttpResponse<String>> getAsync() {
        return http.sendAsync(HttpRequest.newBuilder(sessionUri()).timeout(Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST sent now and answered later. */
    public CompletableFuture<HttpResponse<String>> postAsync(String payload) {
        return http.sendAsync(HttpRequest.newBuilder(sessionUri()).POST(HttpRequest.BodyPublishers.ofString(payload))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .timeout(Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Polls until a payload holds a close packet (1), answering each ping (2) with a pong, as a client does.
     * Completes with that last response: its status and body are what the server answered the waiting GET with.
     */
    public CompletableFuture<HttpResponse<String>> pollUntilClosed() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(JavaClient.TIMEOUT_SECONDS * 3).toNanos();
                while (System.nanoTime() < deadline) {
                    HttpResponse<String> response = get();
                    if (response.statusCode() != 200) {
                        return response;
                    }
                    String[] packets = response.body().split("\u001e");
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
                throw new IllegalStateException("no close packet within the deadline");
            } catch (Exception failure) {
                throw new java.util.concurrent.CompletionException(failure);
            }
        });
    }
}
