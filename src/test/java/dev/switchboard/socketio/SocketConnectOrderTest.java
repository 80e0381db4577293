package dev.switchboard.socketio;

import dev.switchboard.engine.CloseReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client hears CONNECT first, then what the connect handler emitted, then everything else, in order. */
class SocketConnectOrderTest {
    private static final Pattern NUMBERED = Pattern.compile("2/chat,\\[\"n\",(\\d+)]");

    @Test
    void connectComesFirstAndEventsKeepTheirOrderWhileABroadcastRacesTheJoin() throws Exception {
        ExecutorService broadcaster = Executors.newSingleThreadExecutor();
        try {
            NamespaceFixture fixture = new NamespaceFixture(client -> client.emit("welcome"));
            for (int i = 0; i < 2000; i++) {
                RecordingConnection connection = new RecordingConnection();
                AtomicBoolean stop = new AtomicBoolean();
                CountDownLatch running = new CountDownLatch(1);
                Future<?> broadcasts = broadcaster.submit(() -> {
                    for (long n = 0; !stop.get(); n++) {
                        fixture.namespace().broadcast().emit("n", n);
                        running.countDown();
                    }
                });
                running.await();
                Client client = fixture.connect(connection);
                // past the join: the socket has had a few broadcasts since
                assertTrue(connection.awaitSent(5, 10, TimeUnit.SECONDS), "iteration " + i);
                stop.set(true);
                broadcasts.get(10, TimeUnit.SECONDS);
                assertInOrder(connection.sent(), i);
                client.onClose(CloseReason.TRANSPORT_CLOSE); // the next iteration's broadcasts reach its socket alone
            }
        } finally {
            broadcaster.shutdownNow();
        }
    }

    private static void assertInOrder(List<String> sent, int iteration) {
        String start = "iteration " + iteration + ", sent " + sent.subList(0, Math.min(sent.size(), 8)) + "...: ";
        assertTrue(sent.get(0).startsWith("0/chat,{\"sid\":"), start + "CONNECT first");
        assertEquals("2/chat,[\"welcome\"]", sent.get(1), start + "then the connect handler's emit");
        long previous = -1;
        for (String packet : sent.subList(2, sent.size())) {
            Matcher numbered = NUMBERED.matcher(packet);
            assertTrue(numbered.matches(), start + "then only broadcasts, not " + packet);
            long n = Long.parseLong(numbered.group(1));
            assertTrue(previous < 0 || n == previous + 1, start + "every broadcast once and in order, not " + n + " after " + previous);
            previous = n;
        }
    }
}
