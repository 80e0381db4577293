package dev.switchboard.it;

import dev.switchboard.autobahn.ContainerEcho;
import dev.switchboard.autobahn.EchoFilter;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Autobahn|Testsuite, the fuzzing client every trusted WebSocket stack proves itself with, cases 1–7, 9 and 10
 * (12.* and 13.* need permessage-deflate, which Switchboard does not offer), against three echo servers:
 * <ul>
 *   <li>{@code ws}: Node's {@code ws}, the calibration: a case it does not pass here points at the harness;</li>
 *   <li>{@code switchboard}: Switchboard's own WebSocket ({@link EchoFilter}: the production handshake, frame decoder,
 *       connection with its outbox and closing handshake, and encoder) on Payara Micro;</li>
 *   <li>{@code tyrus}: the container's Jakarta WebSocket ({@link ContainerEcho}, {@code websocket=container}).</li>
 * </ul>
 * The client is the testsuite's own Python code on Jython, in a JVM of its own, talking to 127.0.0.1 only. The 9.*
 * group (large and many-fragment messages, minutes per server) runs against Switchboard's stack; with
 * {@code -Dautobahn.full=true} against all three. Switchboard's stack must pass every case (OK, or NON-STRICT /
 * INFORMATIONAL as the testsuite grades the reference servers too) with a clean close; the others are reported.
 * Reports: {@code target/autobahn-reports/} (the testsuite's HTML and JSON, and {@code summary.md}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class AutobahnIT {
    private static final List<String> GROUPS = List.of("1", "2", "3", "4", "5", "6", "7", "9", "10");
    private static final Set<String> PASSING = Set.of("OK", "NON-STRICT", "INFORMATIONAL");
    private static final Path REPORTS = Path.of("target", "autobahn-reports");

    @Deployment(name = "servlet", testable = false)
    @TargetsContainer("payara-micro")
    static WebArchive switchboardStack() {
        return Deployments.war().addPackage(EchoFilter.class.getPackage());
    }

    @Deployment(name = "container", testable = false)
    @TargetsContainer("payara-micro-container-websocket")
    static WebArchive containerStack() {
        return Deployments.war().addPackage(EchoFilter.class.getPackage());
    }

    @ArquillianResource
    @OperateOnDeployment("servlet")
    URL switchboard;

    @ArquillianResource
    @OperateOnDeployment("container")
    URL container;

    /** One case's verdict, as the testsuite's index.json gives it. */
    private record Verdict(String behavior, String behaviorClose, long duration, String closeCode) {
    }

    @Test
    void everyCaseIsPassedBySwitchboardsStackAndTheRunIsCalibratedByWs() throws Exception {
        boolean full = Boolean.getBoolean("autobahn.full");
        Map<String, Map<String, Verdict>> results = new TreeMap<>();
        Process ws = startWsEcho();
        try {
            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("ws", "ws://127.0.0.1:" + port(ws) + "/");
            servers.put("switchboard", echo(switchboard));
            servers.put("tyrus", echo(container));
            List<String> allButNine = GROUPS.stream().filter(group -> full || !group.equals("9")).map(g -> g + ".*").toList();
            results.putAll(fuzz("all-servers", servers, allButNine));
            if (!full) {
                merge(results, fuzz("switchboard-9", Map.of("switchboard", echo(switchboard)), List.of("9.*")));
            }
        } finally {
            ws.destroy();
            ws.waitFor(10, TimeUnit.SECONDS);
        }
        String summary = summary(results, full);
        Files.writeString(REPORTS.resolve("summary.md"), summary);
        System.out.println(summary);

        assertEquals(0, failing(results.get("ws")).size(), "ws, the calibration, fails cases: the harness is wrong, "
                + "not ws; fix it before trusting the rest: " + failing(results.get("ws")));
        Map<String, Verdict> ours = results.get("switchboard");
        assertTrue(ours.size() >= 290, "Switchboard's stack ran every case: " + ours.size());
        assertEquals(Map.of(), failing(ours), "Switchboard's stack");
        Map<String, Verdict> unclean = ours.entrySet().stream()
                .filter(entry -> !Set.of("OK", "INFORMATIONAL").contains(entry.getValue().behaviorClose()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), unclean, "Switchboard's stack closes every case cleanly");
    }

    private static String echo(URL deployed) {
        return Deployments.loopback(deployed).toString().replaceFirst("^http", "ws") + "echo";
    }

    private static Process startWsEcho() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "node-logs"));
        return new ProcessBuilder("node", "src/test/js/autobahn/ws-echo.mjs")
                .redirectError(logs.resolve("ws-echo.log").toFile()).start();
    }

    private static String port(Process ws) throws Exception {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(ws.getInputStream(), StandardCharsets.UTF_8));
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("ws-echo ready ")) {
                        return line.substring("ws-echo ready ".length()).trim();
                    }
                }
                return null;
            } catch (IOException closed) {
                return null;
            }
        });
        String port = ready.get(30, TimeUnit.SECONDS);
        assertTrue(port != null, "the ws echo did not start; see target/node-logs/ws-echo.log");
        return port;
    }

    /**
     * Runs the fuzzing client once, in a JVM of its own (Jython keeps one reactor per JVM), against these servers,
     * and reads its verdicts: agent → case → verdict.
     */
    private static Map<String, Map<String, Verdict>> fuzz(String run, Map<String, String> servers, List<String> cases)
            throws Exception {
        Path outdir = REPORTS.resolve(run);
        deleteTree(outdir);
        Files.createDirectories(outdir);
        var spec = Json.createObjectBuilder()
                .add("outdir", outdir.toAbsolutePath().toString())
                .add("failByDrop", false)
                .add("options", Json.createObjectBuilder().add("version", 18))
                .add("cases", Json.createArrayBuilder(cases))
                .add("exclude-cases", Json.createArrayBuilder());
        var serverList = Json.createArrayBuilder();
        servers.forEach((agent, url) -> serverList.add(Json.createObjectBuilder().add("agent", agent).add("url", url)));
        spec.add("servers", serverList);
        Path specFile = outdir.resolve("spec.json");
        Files.writeString(specFile, spec.build().toString());

        Path client = Path.of(System.getProperty("autobahn.client", "target/autobahn-client"));
        String classpath = client.resolve("jython-standalone.jar") + java.io.File.pathSeparator + client.resolve("autobahntestsuite.jar");
        Path log = outdir.resolve("client.log");
        Process fuzzing = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classpath, "org.python.util.jython", "src/test/python/fuzzing_client.py", specFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!fuzzing.waitFor(20, TimeUnit.MINUTES)) {
            fuzzing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the fuzzing client did not finish within 20 minutes; see " + log);
        }
        assertEquals(0, fuzzing.exitValue(), "the fuzzing client failed; see " + log);
        return verdicts(outdir.resolve("index.json"));
    }

    private static Map<String, Map<String, Verdict>> verdicts(Path index) throws IOException {
        Map<String, Map<String, Verdict>> all = new TreeMap<>();
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(index))) {
            JsonObject agents = reader.readObject();
            for (String agent : agents.keySet()) {
                Map<String, Verdict> cases = new TreeMap<>(AutobahnIT::byCaseNumber);
                agents.getJsonObject(agent).forEach((name, value) -> {
                    JsonObject verdict = value.asJsonObject();
                    JsonValue code = verdict.get("remoteCloseCode");
                    cases.put(name, new Verdict(verdict.getString("behavior"), verdict.getString("behaviorClose"),
                            verdict.getJsonNumber("duration").longValue(),
                            code == null || code == JsonValue.NULL ? "-" : code.toString()));
                });
                all.put(agent, cases);
            }
        }
        return all;
    }

    private static void merge(Map<String, Map<String, Verdict>> into, Map<String, Map<String, Verdict>> more) {
        more.forEach((agent, cases) -> into.computeIfAbsent(agent, none -> new TreeMap<>(AutobahnIT::byCaseNumber)).putAll(cases));
    }

    private static Map<String, Verdict> failing(Map<String, Verdict> cases) {
        return cases.entrySet().stream().filter(entry -> !PASSING.contains(entry.getValue().behavior()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** One row per case group, one column per server: verdict counts, and the group's total time. */
    private static String summary(Map<String, Map<String, Verdict>> results, boolean full) {
        List<String> agents = new ArrayList<>(List.of("ws", "switchboard", "tyrus"));
        agents.retainAll(results.keySet());
        StringBuilder table = new StringBuilder("Autobahn|Testsuite fuzzing client, cases 1-7, 9, 10"
                + (full ? "" : " (9.* on Switchboard's stack only)") + "\n\n| group |");
        agents.forEach(agent -> table.append(' ').append(agent).append(" |"));
        table.append("\n|---|").append("---|".repeat(agents.size())).append('\n');
        for (String group : GROUPS) {
            table.append("| ").append(group).append(".* |");
            for (String agent : agents) {
                List<Verdict> inGroup = results.get(agent).entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith(group + ".")).map(Map.Entry::getValue).toList();
                table.append(' ').append(inGroup.isEmpty() ? "not run" : counts(inGroup)).append(" |");
            }
            table.append('\n');
        }
        results.forEach((agent, cases) -> cases.forEach((name, verdict) -> {
            if (!verdict.behavior().equals("OK") || !verdict.behaviorClose().equals("OK")) {
                table.append("\n").append(agent).append(' ').append(name).append(": ").append(verdict.behavior())
                        .append(", close ").append(verdict.behaviorClose()).append(", code ").append(verdict.closeCode());
            }
        }));
        return table.append('\n').toString();
    }

    private static String counts(List<Verdict> verdicts) {
        Map<String, Long> byBehavior = verdicts.stream().collect(Collectors.groupingBy(Verdict::behavior, TreeMap::new, Collectors.counting()));
        long millis = verdicts.stream().mapToLong(Verdict::duration).sum();
        long unclean = verdicts.stream().filter(verdict -> !Set.of("OK", "INFORMATIONAL").contains(verdict.behaviorClose())).count();
        return byBehavior.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .collect(Collectors.joining(", ")) + (unclean == 0 ? "" : ", " + unclean + " closed uncleanly")
                + String.format(" (%.1f s)", millis / 1000.0);
    }

    private static int byCaseNumber(String left, String right) {
        return Arrays.compare(numbers(left), numbers(right));
    }

    private static int[] numbers(String caseName) {
        return Arrays.stream(caseName.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
