package dev.switchboard.it;

import dev.switchboard.autobahn.ContainerEcho;
import dev.switchboard.autobahn.EchoFilter;
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
    @Deployment(name = "servlet", testable = false)
    @TargetsContainer("payara-micro")
    static WebArchive switchboardStack() {
        return Deployments.war().addPackage(EchoFilter.class.getPackage());
    }

    @Deployment(name = "container", testable = false)
    @TargetsContainer(ContainerWebSocketIT.SERVER)
    static WebArchive containerStack() {
        return Deployments.war().addPackage(EchoFilter.class.getPackage());
    }

    @ArquillianResource
    @OperateOnDeployment("servlet")
    URL switchboard;

    @ArquillianResource
    @OperateOnDeployment("container")
    URL container;

    @Test
    void everyCaseIsPassedBySwitchboardsStackAndTheRunIsCalibratedByWs() throws Exception {
        boolean full = Boolean.getBoolean("autobahn.full");
        Map<String, Map<String, AutobahnClient.Verdict>> results = new TreeMap<>();
        Process ws = startWsEcho();
        try {
            Map<String, String> servers = new LinkedHashMap<>();
            servers.put("ws", "ws://127.0.0.1:" + port(ws) + "/");
            servers.put("switchboard", AutobahnClient.echo(switchboard));
            servers.put("tyrus", AutobahnClient.echo(container));
            results.putAll(AutobahnClient.fuzz("all-servers", servers, AutobahnClient.cases(full)));
            if (!full) {
                AutobahnClient.merge(results, AutobahnClient.fuzz("switchboard-9", Map.of("switchboard", AutobahnClient.echo(switchboard)), List.of("9.*")));
            }
        } finally {
            ws.destroy();
            ws.waitFor(10, TimeUnit.SECONDS);
        }
        String summary = AutobahnClient.summary("Autobahn|Testsuite fuzzing client, cases 1-7, 9, 10"
                + (full ? "" : " (9.* on Switchboard's stack only)"), List.of("ws", "switchboard", "tyrus"), results);
        Files.writeString(AutobahnClient.REPORTS.resolve("summary.md"), summary);
        System.out.println(summary);

        assertEquals(0, AutobahnClient.failing(results.get("ws")).size(), "ws, the calibration, fails cases: the harness is wrong, "
                + "not ws; fix it before trusting the rest: " + AutobahnClient.failing(results.get("ws")));
        Map<String, AutobahnClient.Verdict> ours = results.get("switchboard");
        assertTrue(ours.size() >= 290, "Switchboard's stack ran every case: " + ours.size());
        assertEquals(Map.of(), AutobahnClient.failing(ours), "Switchboard's stack");
        Map<String, AutobahnClient.Verdict> unclean = ours.entrySet().stream()
                .filter(entry -> !Set.of("OK", "INFORMATIONAL").contains(entry.getValue().behaviorClose()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), unclean, "Switchboard's stack closes every case cleanly");
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
}
