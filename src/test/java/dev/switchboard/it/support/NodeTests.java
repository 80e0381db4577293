package dev.switchboard.it.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs JavaScript tests (node:test) against a deployment: the official socket.io-client from Node, and the
 * browser tests in Chromium. Their output goes to target/node-logs; a failure shows its tail.
 */
public final class NodeTests {
    private NodeTests() {
    }

    public static void run(String name, URI server, long timeoutSeconds, String... testFiles) throws IOException, InterruptedException {
        run(name, server, java.util.Map.of(), timeoutSeconds, testFiles);
    }

    /** @param environment more environment variables for the tests, beside SWITCHBOARD_URL */
    public static void run(String name, URI server, java.util.Map<String, String> environment, long timeoutSeconds,
                           String... testFiles) throws IOException, InterruptedException {
        Path logs = Path.of("target", "node-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"));
        command.addAll(List.of(testFiles));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new File("."))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SWITCHBOARD_URL", server.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(finished, name + " did not finish within " + timeoutSeconds + " s:\n" + tail(output));
        assertEquals(0, process.exitValue(), name + " failed:\n" + tail(output));
        var passed = java.util.regex.Pattern.compile("(?m)^ℹ pass (\\d+)$").matcher(output);
        assertTrue(output.contains("ℹ fail 0") && passed.find() && Integer.parseInt(passed.group(1)) > 0,
                name + " ran no test:\n" + tail(output));
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : "…" + output.substring(output.length() - 6000);
    }
}
