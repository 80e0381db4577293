package dev.switchboard.it;

import dev.switchboard.conformance.CustomNamespace;
import dev.switchboard.conformance.MainNamespace;
import dev.switchboard.it.support.FrameSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO v5 on the wire, frame by frame, with the protocol test suite's handlers: what a correct client
 * sees, and that every malformed packet closes the connection cleanly (and only that connection), with no
 * SEVERE log line: a client's mistake is not the server's error.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
class SocketIoWireIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern OPEN = Pattern.compile("^0\\{\"sid\":\"([^\"]+)\".*");
    private static final Pattern CONNECTED = Pattern.compile("^40(/custom,)?\\{\"sid\":\"([^\"]+)\"}$");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(MainNamespace.class, CustomNamespace.class);
    }

    @ArquillianResource
    URL deployed;

    private URI base() {
        return Deployments.loopback(deployed);
    }

    /** The next frame that is not a ping, within {@link #WAIT} (pings are answered, so heartbeats never interfere). */
    private static String next(FrameSocket client) throws Exception {
        return client.awaitTextAnsweringHeartbeat(text -> true, WAIT);
    }

    private static void expect(FrameSocket client, String frame) throws Exception {
        assertEquals(frame, next(client));
    }

    /** A WebSocket session joined to the main namespace, with the "auth" event consumed. */
    private FrameSocket joined() throws Exception {
        FrameSocket client = FrameSocket.open(base());
        assertTrue(OPEN.matcher(client.nextText(WAIT)).matches());
        client.sendText("40");
        assertTrue(CONNECTED.matcher(next(client)).matches());
        expect(client, "42[\"auth\",{}]");
        return client;
    }

    @Test
    void connectRepliesWithSocketIdDifferentFromEngineSid() throws Exception {
        try (FrameSocket client = FrameSocket.open(base())) {
            Matcher open = OPEN.matcher(client.nextText(WAIT));
            assertTrue(open.matches());
            client.sendText("40{\"token\":\"123\"}");
            Matcher connected = CONNECTED.matcher(next(client));
            assertTrue(connected.matches());
            assertNotEquals(open.group(1), connected.group(2), "the Socket.IO sid is not the Engine.IO sid");
            expect(client, "42[\"auth\",{\"token\":\"123\"}]");
        }
    }

    @Test
    void customNamespaceAndDisconnectPerNamespace() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendText("40/custom,{\"token\":\"abc\"}");
            assertTrue(CONNECTED.matcher(next(client)).matches());
            expect(client, "42/custom,[\"auth\",{\"token\":\"abc\"}]");
            client.sendText("41/custom,");
            client.sendText("42[\"message\",\"message to main namespace\"]");
            expect(client, "42[\"message-back\",\"message to main namespace\"]");
        }
    }

    @Test
    void unknownNamespaceGetsConnectErrorObject() throws Exception {
        try (FrameSocket client = FrameSocket.open(base())) {
            client.nextText(WAIT);
            client.sendText("40/random");
            expect(client, "44/random,{\"message\":\"Invalid namespace\"}");
        }
    }

    @Test
    void eventsAndAcksKeepTheirArgumentsExactly() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendText("42[\"message\",1,\"2\",{\"3\":[true]}]");
            expect(client, "42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            client.sendText("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            expect(client, "43456[1,\"2\",{\"3\":[false]}]");
        }
    }

    @Test
    void binaryEventsAndAcksCarryTheirAttachments() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendText("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.sendBinary(new byte[] {1, 2, 3});
            client.sendBinary(new byte[] {4, 5, 6});
            expect(client, "452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.expectBinary(new byte[] {1, 2, 3}, WAIT);
            client.expectBinary(new byte[] {4, 5, 6}, WAIT);
            client.sendText("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.sendBinary(new byte[] {7});
            client.sendBinary(new byte[] {8});
            expect(client, "462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.expectBinary(new byte[] {7}, WAIT);
            client.expectBinary(new byte[] {8}, WAIT);
        }
    }

    /** Each of these closes the connection: the server sends Engine.IO close, then closes the WebSocket. */
    @ParameterizedTest
    @ValueSource(strings = {
            "4abc",                                   // unknown packet type
            "49[\"x\"]",                              // unknown packet type (digit)
            "42{}",                                   // event payload not an array
            "42[]",                                   // event without a name
            "42[1,2]",                                // event name not a string
            "42[\"message\"",                         // bad JSON
            "42[\"message\"]trailing",                // JSON followed by garbage
            "42[\"message\",1e99999999999]",           // a number no JSON-P value holds (its exponent)
            "42abc[\"message-with-ack\",1]",          // bad ack id
            "4212345678901234567890[\"message\"]",    // ack id beyond any client's counter
            "43[\"no ack id\"]",                      // ACK without an id
            "431{}",                                  // ACK payload not an array
            "42[\"connect\"]",                        // reserved event names
            "42[\"connect_error\"]",
            "42[\"disconnect\"]",
            "42[\"disconnecting\"]",
            "42[\"newListener\"]",
            "42[\"removeListener\"]",
            "4511-[\"message\"]",                     // more attachments than the limit (10)
            "45x-[\"message\"]",                      // attachment count not a number
            "441{\"message\":\"clients do not send this\"}", // CONNECT_ERROR from a client
            "41{\"unexpected\":true}",                // DISCONNECT with a payload
            "40[\"not an object\"]",                  // CONNECT payload not an object
    })
    void malformedPacketClosesTheConnection(String frame) throws Exception {
        try (FrameSocket client = joined(); FrameSocket bystander = joined()) {
            client.sendText(frame);
            expect(client, "1");
            assertEquals(1000, client.awaitClose(WAIT).code(), "a normal closure");
            bystander.sendText("42[\"message\",\"still here\"]");
            expect(bystander, "42[\"message-back\",\"still here\"]");
        }
    }

    /** JSON past the parser's limits is malformed too: a parse error, not a failure of the server's. */
    @Test
    void jsonNestedTooDeepOrWithAnOverlongNumberClosesTheConnection() throws Exception {
        for (String frame : List.of("42[\"message\"," + "[".repeat(5000) + "]".repeat(5000) + "]",
                "42[\"message\"," + "9".repeat(2000) + "]")) {
            malformedPacketClosesTheConnection(frame);
        }
    }

    @Test
    void binaryDataWithoutABinaryPacketClosesTheConnection() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendBinary(new byte[] {1, 2, 3});
            expect(client, "1");
            client.awaitClose(WAIT);
        }
    }

    @Test
    void textWhileAttachmentsAreAwaitedClosesTheConnection() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendText("451-[\"message\",{\"_placeholder\":true,\"num\":0}]");
            client.sendText("42[\"message\",\"too early\"]");
            expect(client, "1");
            client.awaitClose(WAIT);
        }
    }

    @Test
    void noNamespaceWithinConnectTimeoutClosesTheConnection() throws Exception {
        try (FrameSocket client = FrameSocket.open(base())) {
            client.nextText(WAIT); // open packet
            long start = System.nanoTime();
            long deadline = start + Duration.ofSeconds(30).toNanos(); // connectTimeout and then some: fail, never hang
            String frame;
            do {
                assertTrue(System.nanoTime() < deadline, "no close packet within 30 s");
                frame = client.nextText(Duration.ofSeconds(10));
                if (frame.equals("2")) {
                    client.sendText("3"); // stay alive: only the connect timeout (12 s in tests, pom.xml) may close it
                }
            } while (!frame.equals("1"));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 11_500, "closed after " + elapsedMillis + " ms, before connectTimeout");
            client.awaitClose(WAIT);
        }
    }

    @Test
    void lateOrUnknownAckIsIgnored() throws Exception {
        try (FrameSocket client = joined()) {
            client.sendText("43999[\"nobody asked\"]");
            client.sendText("42[\"message\",\"after\"]");
            expect(client, "42[\"message-back\",\"after\"]");
        }
    }
}
