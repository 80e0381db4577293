package dev.switchboard.it.cluster;

import dev.switchboard.it.support.FreePort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's redis-server for the cluster tests, started here on 127.0.0.1 on a free port with persistence off, and
 * stopped by its PID; optionally also on a TLS port. Output: target/cluster-logs/redis-&lt;port&gt;.log.
 */
public final class RedisServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String password;
    /** The TLS port, or 0 when there is none. */
    private final int tlsPort;

    private RedisServer(Process process, int port, String password, int tlsPort) {
        this.process = process;
        this.port = port;
        this.password = password;
        this.tlsPort = tlsPort;
    }

    public static RedisServer start() throws IOException, InterruptedException {
        return start(FreePort.onLoopback(), null);
    }

    /** On a given port, with a password when {@code password} is not null. */
    public static RedisServer start(int port, String password) throws IOException, InterruptedException {
        return start(port, password, null);
    }

    /**
     * With a password, on a free plain port and a free TLS port whose certificate is {@code certificate}'s (clients
     * are not asked for one of their own).
     */
    public static RedisServer startWithTls(String password, TestCertificate certificate) throws IOException, InterruptedException {
        return start(FreePort.onLoopback(), password, certificate);
    }

    private static RedisServer start(int port, String password, TestCertificate certificate) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(Path.of("target", "cluster-logs"));
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", logs.toAbsolutePath().toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        int tlsPort = 0;
        if (certificate != null) {
            tlsPort = FreePort.onLoopback();
            command.addAll(List.of("--tls-port", String.valueOf(tlsPort), "--tls-cert-file", certificate.certificatePem().toString(),
                    "--tls-key-file", certificate.keyPem().toString(), "--tls-ca-cert-file", certificate.certificatePem().toString(),
                    "--tls-auth-clients", "no"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("redis-" + port + ".log").toFile())).start();
        RedisServer server = new RedisServer(process, port, password, tlsPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!server.answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("redis-server did not answer PING on port " + port + "; see target/cluster-logs/redis-" + port + ".log");
            }
            Thread.sleep(50);
        }
        return server;
    }

    public String url() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port;
    }

    /** The TLS port's {@code rediss://} URL, with the password. */
    public String tlsUrl() {
        if (tlsPort == 0) {
            throw new IllegalStateException("started without TLS");
        }
        return "rediss://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + tlsPort;
    }

    /** Sends one command and returns the first line of the answer (RESP), e.g. {@code +PONG}. */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            while (!answer.toString().endsWith("\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.append((char) b);
            }
            return answer.toString().trim();
        }
    }

    private boolean answersPing() {
        try {
            return password == null ? command("PING").equals("+PONG") : command("AUTH", password).equals("+OK");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
