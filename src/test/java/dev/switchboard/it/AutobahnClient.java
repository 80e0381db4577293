package dev.switchboard.it;

import dev.switchboard.it.support.DirectoryTree;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Autobahn|Testsuite's fuzzing client (its Python code on Jython, from the autobahntestsuite-maven-plugin jar,
 * copied to {@code target/autobahn-client} by the build), run in a JVM of its own against echo servers on
 * 127.0.0.1, and its verdicts read back. Reports: {@code target/autobahn-reports/RUN/}.
 */
final class AutobahnClient {
    /** Cases 1–7, 9 and 10; 12.* and 13.* need permessage-deflate, which Switchboard does not offer. */
    static final List<String> GROUPS = List.of("1", "2", "3", "4", "5", "6", "7", "9", "10");
    static final Set<String> PASSING = Set.of("OK", "NON-STRICT", "INFORMATIONAL");
    static final Path REPORTS = Path.of("target", "autobahn-reports");

    /** One case's verdict, as the testsuite's index.json gives it. */
    record Verdict(String behavior, String behaviorClose, long duration, String closeCode) {
    }

    private AutobahnClient() {
    }

    /** The echo endpoint of a deployment, as a WebSocket URL. */
    static String echo(java.net.URL deployed) {
        return Deployments.loopback(deployed).toString().replaceFirst("^http", "ws") + "echo";
    }

    /** The case patterns of every group, 9.* left out unless {@code withNine} (minutes per server). */
    static List<String> cases(boolean withNine) {
        return GROUPS.stream().filter(group -> withNine || !group.equals("9")).map(group -> group + ".*").toList();
    }

    /**
     * Runs the fuzzing client once, in a JVM of its own (Jython keeps one reactor per JVM), against these servers,
     * and reads its verdicts: agent → case → verdict.
     */
    static Map<String, Map<String, Verdict>> fuzz(String run, Map<String, String> servers, List<String> cases)
            throws Exception {
        Path outdir = REPORTS.resolve(run);
        DirectoryTree.delete(outdir);
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
                Map<String, Verdict> cases = new TreeMap<>(AutobahnClient::byCaseNumber);
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

    static void merge(Map<String, Map<String, Verdict>> into, Map<String, Map<String, Verdict>> more) {
        more.forEach((agent, cases) -> into.computeIfAbsent(agent, none -> new TreeMap<>(AutobahnClient::byCaseNumber)).putAll(cases));
    }

    static Map<String, Verdict> failing(Map<String, Verdict> cases) {
        return cases.entrySet().stream().filter(entry -> !PASSING.contains(entry.getValue().behavior()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * One row per case group, one column per server in the given order: verdict counts, and the group's total
     * time; then every case that is not OK with a clean close.
     */
    static String summary(String title, List<String> order, Map<String, Map<String, Verdict>> results) {
        List<String> agents = new ArrayList<>(order);
        agents.retainAll(results.keySet());
        StringBuilder table = new StringBuilder(title + "\n\n| group |");
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

    static int byCaseNumber(String left, String right) {
        return Arrays.compare(numbers(left), numbers(right));
    }

    private static int[] numbers(String caseName) {
        return Arrays.stream(caseName.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
