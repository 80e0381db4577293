package dev.switchboard.it;

import dev.switchboard.it.support.Api;
import dev.switchboard.it.support.FrameSocket;
import dev.switchboard.it.support.TestNamespace;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One client stops reading in a room that 100 others read, while 200 MB are broadcast to it: the slow one is cut
 * off once maxBufferedBytes (1,000,000 in the tests' settings) wait for it, what waited is released, and the 100
 * get every message. What the server holds for its clients is sampled throughout
 * ({@code switchboard_engine_buffered_bytes}) and must stay far below what the slow client was sent; the heap is
 * measured and printed. The publisher keeps the readers at most {@link #WINDOW} messages behind, so they are
 * never cut off themselves: the test paces them, the server does not.
 */
@ExtendWith({ArquillianExtension.class, CleanServerLog.class})
@RunAsClient
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BusyRoomIT {
    private static final int READERS = 100;
    private static final int MESSAGE_BYTES = 90_000; // an emit request stays under maxPayload (100,000 in the tests)
    private static final int MESSAGES = 2_223; // 200 MB to the room
    private static final int WINDOW = 4;
    private static final int MAX_BUFFERED_BYTES = 1_000_000; // switchboard.maxBufferedBytes in the tests' settings
    private static final String ROOM = "busy";
    private static final String BUFFER_REFUSALS = SlowClientIT.BUFFER_REFUSALS;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(TestNamespace.class, TestNamespace.Shout.class);
    }

    @ArquillianResource
    URL deployed;

    @Test
    void aClientThatStopsReadingIsCutOffWhileTheHundredOthersGetAll200Megabytes() throws Exception {
        URI base = Deployments.loopback(deployed);
        Api api = new Api(base);
        long refusalsBefore = Api.value(api.metrics(), BUFFER_REFUSALS);
        List<RoomReader> readers = new ArrayList<>();
        ExecutorService threads = Executors.newCachedThreadPool();
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicLong peakBuffered = new AtomicLong();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakHeapAfterGc = new AtomicLong();
        try (FrameSocket slow = FrameSocket.connect(base, "EIO=4&transport=websocket", Map.of(), 4096)) {
            RoomReader.join(slow);
            AtomicBoolean slowCut = new AtomicBoolean();
            threads.execute(() -> blindPongs(slow, slowCut));
            for (int i = 0; i < READERS; i++) {
                FrameSocket socket = FrameSocket.connect(base);
                RoomReader.join(socket);
                RoomReader reader = new RoomReader(socket);
                readers.add(reader);
                threads.execute(reader);
            }
            long heapBefore = Api.value(api.metrics(), "switchboard_jvm_heap_used_bytes");
            threads.execute(() -> {
                while (sampling.get()) {
                    try {
                        Map<String, Long> metrics = api.metrics();
                        peakBuffered.accumulateAndGet(Api.value(metrics, "switchboard_engine_buffered_bytes"), Math::max);
                        peakHeap.accumulateAndGet(Api.value(metrics, "switchboard_jvm_heap_used_bytes"), Math::max);
                        peakHeapAfterGc.accumulateAndGet(Api.value(metrics, "switchboard_jvm_heap_after_gc_bytes"), Math::max);
                        Thread.sleep(200); // a scrape five times a second, as a busy monitoring system might
                    } catch (Exception stopped) {
                        return;
                    }
                }
            });

            String body = "{\"namespace\":\"/test\",\"room\":\"" + ROOM + "\",\"event\":\"big\",\"args\":[\"" + "x".repeat(MESSAGE_BYTES) + "\"]}";
            long start = System.nanoTime();
            for (int sent = 0; sent < MESSAGES; sent++) {
                while (slowest(readers) < sent - WINDOW) {
                    LockSupport.parkNanos(100_000); // the readers' pace: a message leaves only when they keep up
                }
                HttpResponse<String> emitted = api.emit(Api.PUBLISH_TOKEN, body);
                assertEquals(202, emitted.statusCode(), emitted.body()); // accepted: handed to the room, delivered asynchronously
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (slowest(readers) < MESSAGES && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            sampling.set(false);

            for (RoomReader reader : readers) {
                assertEquals(MESSAGES, reader.received.get(), "a reader got every message; failure: " + reader.failure);
            }
            assertTrue(slowCut.get() || slow.awaitEndOfStream(), "the slow client's connection was ended");
            assertEquals(refusalsBefore + 1, Api.value(api.metrics(), BUFFER_REFUSALS), "only the slow client was cut off");
            long delivered = (long) READERS * MESSAGES * MESSAGE_BYTES;
            System.out.printf("BusyRoomIT: %d MB to a room of %d readers and one that stopped reading: %.1f s, %.0f MB/s "
                            + "delivered; server held at most %.1f MB for its clients; heap %.0f MB before, peak %.0f MB in use, "
                            + "peak %.0f MB after collections%n", (long) MESSAGES * MESSAGE_BYTES / 1_000_000, READERS, seconds,
                    delivered / 1e6 / seconds, peakBuffered.get() / 1e6, heapBefore / 1e6, peakHeap.get() / 1e6,
                    peakHeapAfterGc.get() / 1e6);
            // the readers' windows and the slow client's cap; keeping the slow client's 200 MB would be 200x more
            long bound = (long) READERS * (WINDOW + 2) * MESSAGE_BYTES + 2L * MAX_BUFFERED_BYTES;
            assertTrue(peakBuffered.get() < bound, "held at most " + peakBuffered.get() + " bytes, bound " + bound);
        } finally {
            sampling.set(false);
            for (RoomReader reader : readers) {
                reader.close();
            }
            threads.shutdownNow();
        }
    }

    private static int slowest(List<RoomReader> readers) {
        int slowest = Integer.MAX_VALUE;
        for (RoomReader reader : readers) {
            if (reader.failure != null) {
                throw new AssertionError("a reader failed", reader.failure);
            }
            slowest = Math.min(slowest, reader.received.get());
        }
        return slowest;
    }

    /** Answers the heartbeat without reading, as a client that wants to stay connected might; stops once cut off. */
    private static void blindPongs(FrameSocket slow, AtomicBoolean cut) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                slow.sendText("3");
                Thread.sleep(500);
            }
        } catch (IOException closedByServer) {
            cut.set(true);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client in the room that reads every frame, answers pings, and counts the broadcast messages. */
    private static final class RoomReader implements Runnable, AutoCloseable {
        private static final byte[] EVENT = "42/test,[\"big\"".getBytes(StandardCharsets.US_ASCII);
        final FrameSocket socket;
        final AtomicInteger received = new AtomicInteger();
        volatile Throwable failure;

        RoomReader(FrameSocket socket) {
            this.socket = socket;
        }

        /** Opens the /test namespace and joins the room, answering pings meanwhile. */
        static void join(FrameSocket socket) throws IOException {
            socket.next(0x1); // open
            socket.sendText("40/test,");
            awaitText(socket, "40/test,");
            socket.sendText("42/test,1[\"join\",\"" + ROOM + "\"]");
            awaitText(socket, "43/test,1[\"" + ROOM + "\"]");
        }

        private static void awaitText(FrameSocket socket, String prefix) throws IOException {
            for (String text = socket.next(0x1).text(); !text.startsWith(prefix); text = socket.next(0x1).text()) {
                if (text.equals("2")) {
                    socket.sendText("3");
                }
            }
        }

        @Override
        public void run() {
            try {
                while (received.get() < MESSAGES) {
                    FrameSocket.Frame frame = socket.next(0x1);
                    byte[] payload = frame.payload();
                    if (payload.length == 1 && payload[0] == '2') {
                        socket.sendText("3");
                    } else if (payload.length >= EVENT.length && Arrays.equals(payload, 0, EVENT.length, EVENT, 0, EVENT.length)) {
                        received.incrementAndGet();
                    }
                }
            } catch (Throwable broken) {
                failure = broken;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
