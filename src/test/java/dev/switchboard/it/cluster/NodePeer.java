package dev.switchboard.it.cluster;

import org.json.JSONObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Node socket.io 4.8 server with {@code @socket.io/redis-adapter} 8.3 in the same cluster
 * (src/test/js/cluster/node-peer.mjs), driven through its {@code /control/} HTTP API. Stopped by its PID.
 * Its log: target/cluster-logs/node-peer.log.
 */
public final class NodePeer implements AutoCloseable {
    // HTTP/1.1: an h2c upgrade request would go to engine.io's upgrade handler, which drops connections not for it
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI base;

    private NodePeer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    public static NodePeer start(String redisUrl, String... options) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
        List<String> command = new ArrayList<>(List.of("node", "src/test/js/cluster/node-peer.mjs", "--port", "0", "--redis", redisUrl));
        command.addAll(List.of(options));
        String log = options.length == 0 ? "node-peer.log" : "node-peer-" + String.join("", options).replaceAll("[^a-z0-9]", "") + ".log";
        Process process = new ProcessBuilder(command).redirectError(logs.resolve(log).toFile()).start();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("node-peer ready ")) {
                        return line.substring("node-peer ready ".length()).trim();
                    }
                }
                return null;
            } catch (IOException closed) {
                return null;
            }
        });
        String port = ready.get(60, TimeUnit.SECONDS);
        if (port == null) {
            process.destroyForcibly();
            throw new IOException("node-peer did not start; see target/cluster-logs/" + log);
        }
        return new NodePeer(process, URI.create("http://127.0.0.1:" + port + "/"));
    }

    public URI base() {
        return base;
    }

    public JSONObject post(String control, JSONObject body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("control/" + control))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("node-peer " + control + ": " + response.statusCode() + " " + response.body());
        }
        return new JSONObject(response.body());
    }

    public JSONObject get(String controlAndQuery) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("control/" + controlAndQuery))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("node-peer " + controlAndQuery + ": " + response.statusCode() + " " + response.body());
        }
        return new JSONObject(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
