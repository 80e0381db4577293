package dev.switchboard.it;

import dev.switchboard.autobahn.ContainerEcho;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Undertow column of the README's conformance table: Autobahn|Testsuite's fuzzing client against WildFly's own
 * Jakarta WebSocket ({@link ContainerEcho} alone in the WAR, so {@code /echo} is Undertow's, as with
 * {@code websocket=container}). Runs in the WildFly build ({@code -Pwildfly}); cases 1–7 and 10, and 9.* with
 * {@code -Dautobahn.full=true}. The verdicts are the container's and are reported, not judged; the run itself must
 * have happened. Summary: {@code target/autobahn-reports/undertow-summary.md}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class UndertowAutobahnIT {

    @Deployment(testable = false)
    static WebArchive undertowStack() {
        return Deployments.war().addClasses(ContainerEcho.class).addClass("dev.switchboard.autobahn.EchoLimit");
    }

    @ArquillianResource
    URL deployed;

    @Test
    void undertowIsFuzzedByTheSameClient() throws Exception {
        boolean full = Boolean.getBoolean("autobahn.full");
        Map<String, Map<String, AutobahnClient.Verdict>> results = AutobahnClient.fuzz("undertow",
                Map.of("undertow", AutobahnClient.echo(deployed)), AutobahnClient.cases(full));
        String summary = AutobahnClient.summary("Autobahn|Testsuite fuzzing client on Undertow (WildFly), cases 1-7, 10"
                + (full ? ", 9" : ""), List.of("undertow"), results);
        Files.writeString(AutobahnClient.REPORTS.resolve("undertow-summary.md"), summary);
        System.out.println(summary);
        int expected = full ? 290 : 230;
        assertTrue(results.get("undertow").size() >= expected,
                "the client ran every case against Undertow: " + results.get("undertow").size());
    }
}
