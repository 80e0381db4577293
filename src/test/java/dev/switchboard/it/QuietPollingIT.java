package dev.switchboard.it;

import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.JavaClient;
import dev.switchboard.it.support.JavaClient.Mode;
import dev.switchboard.it.support.TestNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polling clients leave nothing in the container's log: no CDI (Weld) warning for a GET answered on another
 * request's thread (the POST whose ack answers the waiting GET, the WebSocket probe that releases it). With Weld's
 * request contexts on /socket.io/ that was five WARN lines per client; WEB-INF/web.xml keeps them off that path.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class QuietPollingIT {
    private static final int SESSIONS = 50;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void fiftyPollingSessionsAndFiveUpgradesLeaveNoWarningInTheLog() throws Exception {
        URI base = Deployments.loopback(deployed);
        ServerLog log = ServerLog.fromNow();
        PollingClient polling = new PollingClient(base);
        for (int i = 0; i < SESSIONS; i++) {
            String sid = polling.handshake().sid();
            assertEquals("ok", polling.postPackets(sid, "40/chat,").body());
            assertTrue(polling.poll(sid).body().startsWith("40/chat,"));
            // the GET waits; the POST's event is handled on the POST's thread, and its ack answers the GET
            CompletableFuture<HttpResponse<String>> waiting = polling.pollAsync(sid);
            assertEquals("ok", polling.postPackets(sid, "42/chat,7[\"latency\",\"" + i + "\"]").body());
            assertEquals("43/chat,7[\"" + i + "\"]", waiting.get().body());
            assertEquals("ok", polling.postPackets(sid, "1").body());
        }
        for (int i = 0; i < 5; i++) {
            try (JavaClient client = JavaClient.connect(base, "/test", Mode.UPGRADE, Map.of())) {
                assertNull(client.open());
                assertEquals("websocket", client.awaitTransport("websocket"));
            }
        }
        List<String> warnings = log.records().stream().filter(record -> record.contains("WELD-")).toList();
        assertTrue(warnings.isEmpty(), () -> warnings.size() + " Weld record(s), the first:\n" + warnings.get(0));
    }
}
