package dev.switchboard.it.cluster;

import dev.switchboard.it.support.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Switchboard node as an operator runs it: target/switchboard.jar with its settings in the environment, on a free
 * loopback port. Stopped by its PID: SIGTERM, or {@link #kill()} for a node that dies (SIGKILL).
 * Output: target/cluster-logs/&lt;name&gt;.log.
 */
public final class SwitchboardNode implements AutoCloseable {
    public static final String ADMIN_TOKEN = "cluster-admin-token-000001";
    /** The Admin UI password of nodes started with it on, and its hash: as in src/test/js/admin-ui/credentials.mjs. */
    public static final String ADMIN_UI_PASSWORD = "s3cret-pass";
    public static final String ADMIN_UI_PASSWORD_HASH = "$2a$04$oUj3HNoKocK3tBJuuBk2MuRc4D6ncfFaDodg506tkCt7HSHmzw8Y.";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final ProcessBuilder command;
    private final URI base;
    // replaced by restart(), on the test's thread
    private volatile Process process;

    private SwitchboardNode(String name, ProcessBuilder command, URI base) throws IOException {
        this.name = name;
        this.command = command;
        this.base = base;
        this.process = command.start();
    }

    /** Starts the jar and waits until its application answers. */
    public static SwitchboardNode start(String name, Map<String, String> settings) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("switchboard.jar", "target/switchboard.jar"));
        Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
        Path tmp = Files.createDirectories(Path.of("target", "tmp", "cluster-" + name));
        Files.deleteIfExists(logs.resolve(name + ".log")); // appended to by a restart, fresh for each start
        int port = FreePort.onLoopback();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-jar", jar.toAbsolutePath().toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().put("SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().putAll(settings);
        SwitchboardNode node = new SwitchboardNode(name, builder, URI.create("http://127.0.0.1:" + port + "/"));
        node.awaitApplication();
        return node;
    }

    /** Starts the node again, on the same port with the same settings, after {@link #close()}; waits until it answers. */
    public void startAgain() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = command.start();
        awaitApplication();
    }

    public URI base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    /** GET or POST (with a JSON body) on the node's API, as the admin. */
    public HttpResponse<String> api(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One sample of a metric without labels from the node's /api/metrics. */
    public long metric(String metricName) throws IOException, InterruptedException {
        for (String line : api("GET", "api/metrics", null).body().split("\n")) {
            if (line.startsWith(metricName + " ")) {
                return (long) Double.parseDouble(line.substring(metricName.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + metricName);
    }

    private void awaitApplication() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see target/cluster-logs/" + name + ".log");
            }
            try {
                if (api("GET", "api/info", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IOException(name + " did not start within 3 minutes; see target/cluster-logs/" + name + ".log");
    }

    /** The node dies: SIGKILL, no shutdown of any kind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
