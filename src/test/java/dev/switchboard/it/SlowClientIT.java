package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.PollingClient;
import dev.switchboard.it.support.SlowReader;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one client may make the server hold for it: at most maxBufferedBytes (1,000,000 in the tests' settings)
 * waiting to be written, and at most maxPayload (100,000) in one poll's response.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class SlowClientIT {
    static final String BUFFER_REFUSALS = "switchboard_limit_refusals_total{limit=\"buffered_bytes\"}";
    private static final int MAX_PAYLOAD = 100_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    @Test
    void aWebSocketClientThatStopsReadingIsCutOffOnceMaxBufferedBytesWait() throws Exception {
        assertCutOff(base());
    }

    /**
     * The client asks for 150 echoes of 90,000 bytes (13.5 MB) and reads none: more than the kernel's buffers and
     * maxBufferedBytes together. It is cut off, counted, and its connection closed, though it pongs blindly.
     */
    static void assertCutOff(URI base) throws Exception {
        Api api = new Api(base);
        long before = Api.value(api.metrics(), BUFFER_REFUSALS);
        try (SlowReader client = SlowReader.join(base)) {
            client.requestEchoes(150, 90_000);
            client.stayFor(3000);
            Map<String, Long> after = api.awaitMetrics(metrics -> metrics.get(BUFFER_REFUSALS) > before);
            assertEquals(before + 1, Api.value(after, BUFFER_REFUSALS));
            if (Deployments.TCP_LINGER_MILLIS == 0) {
                // Open Liberty keeps the TCP connection of an ended WebSocket until the client closes it, and with
                // bytes it could not deliver, past its persistTimeout (docs/deploying.md): the session is gone all the same
                assertTrue(client.connectionEnds(), "the server closed the connection of the client it cut off");
            }
        }
    }

    @Test
    void aPollingBacklogLeavesOverSeveralPollsNoneLargerThanMaxPayload() throws Exception {
        PollingClient.Session client = PollingClient.open(base(), Map.of());
        client.post("40/chat,");
        assertTrue(client.get().body().startsWith("40/chat,"));
        String argument = "y".repeat(40_000);
        for (int ack = 0; ack < 4; ack++) {
            assertEquals(200, client.post("42/chat," + ack + "[\"latency\",\"" + argument + "\"]").statusCode());
        }
        int acks = 0;
        int polls = 0;
        while (acks < 4 && polls < 10) {
            HttpResponse<String> poll = client.get();
            polls++;
            int bytes = poll.body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= MAX_PAYLOAD, "a response of " + bytes + " bytes");
            acks += poll.body().split("43/chat,", -1).length - 1;
        }
        assertEquals(4, acks, "every ack arrived, over " + polls + " polls");
        assertTrue(polls >= 2, "160 KB of acks cannot fit in one response");
    }
}
