package dev.switchboard.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx running the shipped {@code server-config/nginx/switchboard.conf} on 127.0.0.1, with its own
 * prefix, logs and temp files under {@code target/nginx/NAME}. It runs in the foreground ({@code daemon off}),
 * so the process this class starts is nginx's master, and {@link #close()} stops it by that PID.
 */
public final class NginxProxy implements AutoCloseable {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = loopback();

    /** The main configuration around the shipped file; nginx needs one, Debian's would listen on *:80. */
    private static final String MAIN_CONFIG = """
            daemon off;
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log %1$s/logs/error.log info;
            events {
                worker_connections 256;
            }
            http {
                access_log %1$s/logs/access.log;
                client_body_temp_path %1$s/temp/client_body;
                proxy_temp_path %1$s/temp/proxy;
                fastcgi_temp_path %1$s/temp/fastcgi;
                uwsgi_temp_path %1$s/temp/uwsgi;
                scgi_temp_path %1$s/temp/scgi;
                include %1$s/conf/switchboard.conf;
            }
            """;

    private final Process process;
    private final int port;
    private final Path prefix;

    private NginxProxy(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    /** Installs nginx with the project's script when it is missing (root: apt-get; otherwise it says what to run). */
    public static void install(Path serverConfig) throws IOException, InterruptedException {
        Path script = serverConfig.resolve("nginx/install-nginx.sh");
        Path log = Files.createDirectories(Path.of("target", "nginx")).resolve("install.log");
        Process install = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            install.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Installing nginx took more than " + INSTALL_TIMEOUT + ": " + Files.readString(log));
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException("Could not install nginx: " + Files.readString(log));
        }
    }

    /**
     * Renders the shipped site configuration for a test: listen on 127.0.0.1:{@code port}, proxy to
     * 127.0.0.1:{@code backendPort}, and the given read timeout. Each changed line must exist as shipped, so
     * the test fails rather than silently running a configuration nobody ships.
     */
    public static String render(String shipped, int port, int backendPort, Duration readTimeout) {
        String rendered = replaceLine(shipped, "listen 80;", "listen 127.0.0.1:" + port + ";");
        rendered = replaceLine(rendered, "server 127.0.0.1:8080;", "server 127.0.0.1:" + backendPort + ";");
        return replaceLine(rendered, "proxy_read_timeout 75s;", "proxy_read_timeout " + readTimeout.toSeconds() + "s;");
    }

    /** Starts nginx in front of 127.0.0.1:{@code backendPort} and waits until it accepts connections. */
    public static NginxProxy start(String name, Path serverConfig, int backendPort, Duration readTimeout)
            throws IOException, InterruptedException {
        String shipped = Files.readString(serverConfig.resolve("nginx/switchboard.conf"), StandardCharsets.UTF_8);
        int port = FreePort.onLoopback();
        return start(name, render(shipped, port, backendPort, readTimeout), port);
    }

    /**
     * Starts the shipped two-node configuration (nginx/switchboard-cluster.conf) in front of two backends: its
     * {@code listen 80;} and its two {@code server 127.0.0.1:8081;} / {@code 8082;} lines rewritten, nothing else.
     */
    public static NginxProxy startCluster(String name, Path serverConfig, int firstBackend, int secondBackend)
            throws IOException, InterruptedException {
        String shipped = Files.readString(serverConfig.resolve("nginx/switchboard-cluster.conf"), StandardCharsets.UTF_8);
        int port = FreePort.onLoopback();
        String rendered = replaceLine(shipped, "listen 80;", "listen 127.0.0.1:" + port + ";");
        rendered = replaceLine(rendered, "server 127.0.0.1:8081;", "server 127.0.0.1:" + firstBackend + ";");
        rendered = replaceLine(rendered, "server 127.0.0.1:8082;", "server 127.0.0.1:" + secondBackend + ";");
        return start(name, rendered, port);
    }

    private static NginxProxy start(String name, String site, int port) throws IOException, InterruptedException {
        Path prefix = Path.of("target", "nginx", name).toAbsolutePath();
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("temp"));
        Files.writeString(prefix.resolve("conf/switchboard.conf"), site);
        Files.writeString(prefix.resolve("conf/nginx.conf"), String.format(MAIN_CONFIG, prefix));
        Path errorLog = prefix.resolve("logs/error.log");
        Process process = new ProcessBuilder(List.of(nginxBinary(), "-p", prefix + "/", "-c", prefix + "/conf/nginx.conf",
                "-e", errorLog.toString()))
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        NginxProxy proxy = new NginxProxy(process, port, prefix);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                proxy.close();
                throw new IllegalStateException("nginx did not start on 127.0.0.1:" + port + ": " + proxy.logs());
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling for the listening socket; nginx announces nothing
        }
        return proxy;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The error log and what nginx printed, for failure messages. */
    public String logs() {
        StringBuilder logs = new StringBuilder();
        for (String file : List.of("logs/stdout.log", "logs/error.log")) {
            Path path = prefix.resolve(file);
            try {
                if (Files.exists(path)) {
                    logs.append("\n--- ").append(path).append('\n').append(Files.readString(path));
                }
            } catch (IOException unreadable) {
                logs.append("\n--- ").append(path).append(": ").append(unreadable);
            }
        }
        return logs.toString();
    }

    /** SIGTERM to the master by its PID (fast shutdown); its workers, by their PIDs, if it does not go. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String replaceLine(String config, String line, String replacement) {
        Matcher matcher = Pattern.compile("(?m)^(\\s*)" + Pattern.quote(line) + "\\s*$").matcher(config);
        if (!matcher.find()) {
            throw new IllegalStateException("server-config/nginx/switchboard.conf no longer has the line '" + line
                    + "' that ReverseProxyIT renders: keep it, or change the test with it");
        }
        return matcher.replaceAll("$1" + Matcher.quoteReplacement(replacement));
    }

    private static String nginxBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
