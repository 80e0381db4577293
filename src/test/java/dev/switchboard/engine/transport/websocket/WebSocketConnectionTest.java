package dev.switchboard.engine.transport.websocket;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static dev.switchboard.engine.transport.websocket.ClientFrames.close;
import static dev.switchboard.engine.transport.websocket.ClientFrames.frame;
import static dev.switchboard.engine.transport.websocket.ClientFrames.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection on a fake container: what it writes, when it closes, and what it reports. */
class WebSocketConnectionTest {
    private final FakeConnection container = new FakeConnection();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private WebSocketConnection connection;

    /** Without a settle period (the tests that close within it say so): the connection closes as soon as it may. */
    @BeforeEach
    void open() {
        connection = new WebSocketConnection(0);
        connection.prepare(1000, this::schedule, opened -> recorder());
        connection.init(container);
    }

    /** A task due at once runs at once, as the application's worker would run it; later ones wait for the test. */
    private void schedule(Runnable task, long delayMillis) {
        if (delayMillis == 0) {
            task.run();
            return;
        }
        timers.add(task);
        delays.add(delayMillis);
    }

    /** A listener that reacts only to the connection failing. */
    private static WebSocketListener onFailure(Consumer<Throwable> failed) {
        return new WebSocketListener() {
            @Override
            public void onText(String message) {
            }

            @Override
            public void onBinary(byte[] message) {
            }

            @Override
            public void onClosed(int code, String reason) {
            }

            @Override
            public void onFailed(Throwable cause) {
                failed.accept(cause);
            }
        };
    }

    /** Writes what the connection reports into {@link #heard}, one line each. */
    private WebSocketListener recorder() {
        return new WebSocketListener() {
            @Override
            public void onText(String message) {
                heard.add("text " + message);
            }

            @Override
            public void onBinary(byte[] message) {
                heard.add("binary " + message.length);
            }

            @Override
            public void onClosed(int code, String reason) {
                heard.add("closed " + code + (reason.isEmpty() ? "" : " " + reason));
            }

            @Override
            public void onFailed(Throwable cause) {
                heard.add("failed " + (cause instanceof WebSocketProtocolException broken
                        ? broken.code() : cause.getClass().getSimpleName()));
            }
        };
    }

    @Test
    void passesMessagesOnInOrder() {
        container.input.arrive(ClientFrames.concat(text("4hello"), frame(0x82, new byte[]{1, 2})));
        assertEquals(List.of("text 4hello", "binary 2"), heard);
    }

    @Test
    void answersAPingWithItsPayload() {
        container.input.arrive(frame(0x89, "abc".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[]{(byte) 0x8A, 3, 'a', 'b', 'c'}, container.output.written());
    }

    @Test
    void writesQueuedFramesInOrderWhenTheStreamIsReadyAgain() {
        container.output.ready = false;
        connection.send(FrameEncoder.text("1"));
        connection.send(List.of(FrameEncoder.text("2"), FrameEncoder.text("3")));
        assertEquals(0, container.output.written().length);
        container.output.becomeReady();
        assertArrayEquals(ClientFrames.concat(FrameEncoder.text("1"), FrameEncoder.text("2"), FrameEncoder.text("3")),
                container.output.written());
        assertTrue(container.output.flushes > 0);
    }

    @Test
    void asksTheStreamBeforeEachWriteAndFlushAndNotAfterTheLastFlush() {
        container.output.becomeReady(); // the first write event: the 101's flush
        container.output.readyChecks = 0;
        connection.send(FrameEncoder.text("alone"));
        assertEquals(2, container.output.readyChecks, "one check before the write, one before the flush");
        assertEquals(2, container.output.flushes);
        container.output.readyChecks = 0;
        connection.send(List.of(FrameEncoder.text("a"), FrameEncoder.text("b")));
        assertEquals(3, container.output.readyChecks);
        assertEquals(3, container.output.flushes, "one flush for the frames sent together");
    }

    @Test
    void aCloseFrameWhoseFlushLeftTheStreamBusyHasLeftOnlyOnceTheStreamIsReadyAgain() {
        FakeConnection wire = new FakeConnection();
        wire.output.notReadyAfterFlush = true;
        WebSocketConnection busy = new WebSocketConnection(0);
        busy.prepare(1000, this::schedule, opened -> recorder());
        busy.init(wire);
        busy.close(CloseCode.NORMAL, "");
        assertArrayEquals(FrameEncoder.close(1000, ""), wire.output.written());
        wire.input.arrive(close(1000, ""));
        assertFalse(wire.closed, "the container still holds our close frame");
        wire.output.becomeReady();
        assertTrue(wire.closed, "closed once the container has written it");
    }

    /** The 101 goes out with the first flush (Grizzly holds it till then); a client upgrading a poll waits for it. */
    @Test
    void flushesAsSoonAsTheStreamIsWritableWithNothingToSend() {
        container.output.becomeReady(); // the container's first onWritePossible after setWriteListener
        assertEquals(0, container.output.written().length);
        assertEquals(1, container.output.flushes);
        container.output.becomeReady();
        assertEquals(1, container.output.flushes, "only once: later flushes follow frames");
    }

    @Test
    void echoesThePeersCloseThenClosesTheConnection() {
        container.input.arrive(close(1001, "going"));
        assertArrayEquals(FrameEncoder.close(1001, ""), container.output.written());
        assertTrue(container.closed);
        assertEquals(List.of("closed 1001 going"), heard);
    }

    @Test
    void closeFrameGoesAfterWhatWasSentAndNothingAfterIt() {
        connection.send(FrameEncoder.text("last"));
        connection.close(CloseCode.GOING_AWAY, "server shutting down");
        connection.send(FrameEncoder.text("too late"));
        assertArrayEquals(ClientFrames.concat(FrameEncoder.text("last"), FrameEncoder.close(1001, "server shutting down")),
                container.output.written());
        assertTrue(connection.isClosing());
        assertFalse(container.closed, "waits for the peer's close frame");
        container.input.arrive(close(1001, ""));
        assertTrue(container.closed);
    }

    @Test
    void closesTheConnectionWhenThePeerNeverAnswersItsCloseFrame() {
        connection.close(CloseCode.NORMAL, "");
        assertFalse(container.closed);
        assertEquals(1, timers.size());
        timers.get(0).run();
        assertTrue(container.closed);
        assertEquals(List.of("closed " + CloseCode.ABNORMAL), heard);
    }

    @Test
    void aCloseFrameThatCannotBeWrittenStillEndsTheConnectionWithinTheCloseWait() {
        container.output.ready = false; // the peer stopped reading
        connection.send(FrameEncoder.text("backlog"));
        connection.close(CloseCode.NORMAL, "");
        assertEquals(List.of(WebSocketConnection.CLOSE_WAIT_MILLIS), delays, "bounded from the moment it was queued");
        timers.get(0).run();
        assertTrue(container.closed);
        assertEquals(0, connection.bufferedBytes(), "what waited is released");
    }

    @Test
    void thePeersCloseWhileOursWaitsClosesOnceOursHasLeft() {
        container.output.ready = false;
        connection.close(CloseCode.NORMAL, "");
        container.input.arrive(close(1000, ""));
        assertFalse(container.closed, "our close frame has not left yet");
        container.output.becomeReady();
        assertTrue(container.closed, "closing handshake done: no wait for the timer");
    }

    @Test
    void countsTheBytesWaitingToBeWritten() {
        container.output.ready = false;
        byte[] frame = FrameEncoder.text("x".repeat(300));
        connection.send(List.of(frame, frame));
        assertEquals(2L * frame.length, connection.bufferedBytes());
        container.output.becomeReady();
        assertEquals(0, connection.bufferedBytes());
    }

    @Test
    void abortDropsTheBacklogAndSendsOnlyTheCloseFrame() {
        container.output.ready = false;
        connection.send(List.of(FrameEncoder.text("a".repeat(5000)), FrameEncoder.text("b".repeat(5000))));
        connection.abort(CloseCode.POLICY_VIOLATION, "send buffer full");
        byte[] closeFrame = FrameEncoder.close(1008, "send buffer full");
        assertEquals(closeFrame.length, connection.bufferedBytes());
        container.output.becomeReady();
        assertArrayEquals(closeFrame, container.output.written());
        assertEquals(List.of(WebSocketConnection.CLOSE_WAIT_MILLIS), delays);
    }

    @Test
    void whenGoneWaitsForTheTcpConnectionToClose() {
        List<String> gone = new ArrayList<>();
        connection.whenGone(() -> gone.add("first"));
        connection.close(CloseCode.NORMAL, "");
        assertTrue(gone.isEmpty(), "closing, but the connection is still open");
        container.input.arrive(close(1000, ""));
        assertTrue(container.closed);
        connection.destroy();
        connection.whenGone(() -> gone.add("later"));
        assertEquals(List.of("first", "later"), gone, "each action once, a late one at once");
    }

        @Test
    void closesAtOnceWhenTheApplicationsTimerIsAlreadyStopped() {
        WebSocketConnection stopping = new WebSocketConnection();
        FakeConnection undeploying = new FakeConnection();
        stopping.prepare(1000, (task, delay) -> {
            throw new java.util.concurrent.RejectedExecutionException("timer stopped");
        }, opened -> recorder());
        stopping.init(undeploying);
        stopping.close(CloseCode.GOING_AWAY, "server shutting down");
        assertArrayEquals(FrameEncoder.close(1001, "server shutting down"), undeploying.output.written());
        assertTrue(undeploying.closed);
        assertEquals(List.of("closed " + CloseCode.ABNORMAL), heard);
    }

    @Test
    void aRefusalThePeerAnswersAtOnceClosesTheConnectionOnlyOnceTheUpgradeSettled() {
        WebSocketConnection refused = new WebSocketConnection(WebSocketConnection.UPGRADE_SETTLE_MILLIS);
        FakeConnection upgrading = new FakeConnection();
        refused.prepare(1000, this::schedule, opened -> {
            opened.close(CloseCode.PROTOCOL_ERROR, "refused");
            return recorder();
        });
        refused.init(upgrading);
        assertArrayEquals(FrameEncoder.close(1002, "refused"), upgrading.output.written());
        upgrading.input.arrive(close(1002, ""));
        assertEquals(List.of("closed 1002"), heard, "the application hears of the end at once");
        assertFalse(upgrading.closed, "the container may still be finishing the upgrading request");
        long closeAfter = delays.get(delays.size() - 1);
        assertTrue(closeAfter > 0 && closeAfter <= WebSocketConnection.UPGRADE_SETTLE_MILLIS + 1, "delay " + closeAfter);
        timers.get(timers.size() - 1).run();
        assertTrue(upgrading.closed);
    }

    @Test
    void aFailureInsideInitDoesNotCloseTheConnectionUnderTheContainer() {
        WebSocketConnection failing = new WebSocketConnection(WebSocketConnection.UPGRADE_SETTLE_MILLIS);
        FakeConnection upgrading = new FakeConnection();
        failing.prepare(1000, this::schedule, opened -> {
            throw new IllegalStateException("opener failed");
        });
        failing.init(upgrading);
        assertFalse(upgrading.closed);
        assertEquals(1, timers.size());
        timers.get(0).run();
        assertTrue(upgrading.closed);
    }

    @Test
    void aProtocolErrorIsAnsweredWithItsCodeAndWhatFollowsIsDropped() {
        container.input.arrive(ClientFrames.concat(frame(0x81, "x".getBytes(), false), text("after")));
        assertEquals(List.of("failed " + CloseCode.PROTOCOL_ERROR), heard);
        byte[] written = container.output.written();
        assertEquals((byte) 0x88, written[0]);
        assertEquals(1002, ((written[2] & 0xFF) << 8) | (written[3] & 0xFF));
        container.input.arrive(text("later still"));
        assertEquals(1, heard.size());
    }

    @Test
    void aProtocolErrorClosesTheConnectionAsSoonAsTheCloseFrameHasLeftNotAtTheCloseWait() {
        container.output.ready = false;
        container.input.arrive(ClientFrames.concat(frame(0x81, "x".getBytes(), false), text("after")));
        assertFalse(container.closed, "the close frame waits for the stream");
        container.output.becomeReady();
        assertTrue(container.closed, "failing the connection (section 7.1.7) does not wait for the peer's answer");
    }

    @Test
    void theProtocolErrorsCloseCodeGoesOutEvenWhenTheListenerClosesAtOnce() {
        WebSocketConnection hasty = new WebSocketConnection();
        FakeConnection wire = new FakeConnection();
        // as a session does when its transport fails
        hasty.prepare(1000, (task, delay) -> timers.add(task),
                opened -> onFailure(cause -> opened.close(CloseCode.NORMAL, "")));
        hasty.init(wire);
        wire.input.arrive(frame(0x81, "x".getBytes(), false));
        byte[] written = wire.output.written();
        assertEquals(1002, ((written[2] & 0xFF) << 8) | (written[3] & 0xFF));
    }

    /**
     * A peer that has the close frame can send its next request at once (an upgrade naming the same sid): the
     * session must have heard of the failure by then, so nothing is written before the listener is told.
     */
    @Test
    void theListenerHearsOfAProtocolErrorBeforeTheCloseFrameIsWritten() {
        WebSocketConnection told = new WebSocketConnection();
        FakeConnection wire = new FakeConnection();
        List<Integer> writtenWhenTold = new ArrayList<>();
        told.prepare(1000, (task, delay) -> timers.add(task),
                opened -> onFailure(cause -> writtenWhenTold.add(wire.output.written().length)));
        told.init(wire);
        wire.input.arrive(frame(0x81, "x".getBytes(), false));
        assertEquals(List.of(0), writtenWhenTold, "no byte of the close frame out before the listener is told");
        byte[] written = wire.output.written();
        assertEquals(1002, ((written[2] & 0xFF) << 8) | (written[3] & 0xFF));
    }

    @Test
    void aMessageOverTheLimitIsClosedWith1009() {
        container.input.arrive(frame(0x81, new byte[1001]));
        assertEquals(List.of("failed " + CloseCode.MESSAGE_TOO_BIG), heard);
        byte[] written = container.output.written();
        assertEquals(1009, ((written[2] & 0xFF) << 8) | (written[3] & 0xFF));
    }

    @Test
    void anErrorWhileHandlingAMessageStaysOffTheContainersThreadAndClosesWith1011() {
        WebSocketConnection failing = new WebSocketConnection(0);
        FakeConnection wire = new FakeConnection();
        failing.prepare(1000, this::schedule, opened -> new WebSocketListener() {
            @Override
            public void onText(String message) {
                throw new OutOfMemoryError("a message too large for the heap");
            }

            @Override
            public void onBinary(byte[] message) {
            }

            @Override
            public void onClosed(int code, String reason) {
                heard.add("closed " + code);
            }

            @Override
            public void onFailed(Throwable cause) {
                heard.add("failed " + cause.getClass().getSimpleName());
            }
        });
        failing.init(wire);
        wire.input.arrive(text("4boom")); // would throw out of the container's onDataAvailable before
        byte[] written = wire.output.written();
        assertEquals(1011, ((written[2] & 0xFF) << 8) | (written[3] & 0xFF));
        assertEquals(List.of("failed OutOfMemoryError"), heard);
    }

    @Test
    void thePeerHangingUpEndsTheConnection() {
        container.input.hangUp();
        assertTrue(container.closed);
        assertEquals(List.of("closed " + CloseCode.ABNORMAL), heard);
    }

    @Test
    void reportsTheEndOnlyOnce() {
        container.input.arrive(close(1000, ""));
        container.input.hangUp();
        connection.destroy();
        assertEquals(List.of("closed 1000"), heard);
    }

    @Test
    void aWriteFailureEndsTheConnection() {
        container.output.failWrites = true;
        connection.send(FrameEncoder.text("x"));
        assertTrue(container.closed);
        assertEquals(List.of("failed IOException"), heard);
    }

    @Test
    void aWriteEventOutsideTheStreamsMonitorWritesAtOnceOnTheContainersThread() {
        List<Runnable> tasks = new ArrayList<>();
        WebSocketConnection direct = new WebSocketConnection(0);
        FakeConnection wire = new FakeConnection();
        direct.prepare(1000, (task, delay) -> tasks.add(task), opened -> recorder());
        direct.init(wire);
        wire.output.ready = false;
        direct.send(List.of(FrameEncoder.text("2")));
        assertEquals(0, wire.output.written().length, "the stream is not ready");
        wire.output.becomeReady();
        assertArrayEquals(FrameEncoder.text("2"), wire.output.written());
        assertTrue(tasks.isEmpty(), "no task for the write event: " + tasks);
    }

    /**
     * Open Liberty calls onWritePossible holding its output stream's monitor, which its write takes too, while a
     * thread sending holds the connection and waits for that stream. The write event must not wait for the
     * connection (it is pumped on the application's thread), or the two wait for each other for good.
     */
    @Test
    void aWriteEventUnderTheStreamsMonitorDoesNotWaitForASenderHoldingTheConnection() {
        ExecutorService application = Executors.newSingleThreadExecutor();
        try {
            WebSocketConnection sending = new WebSocketConnection(0);
            MonitorHoldingOutput stream = new MonitorHoldingOutput();
            FakeInput input = new FakeInput();
            sending.prepare(1000, (task, delay) -> application.execute(task), opened -> recorder());
            sending.init(new WebConnection() {
                @Override
                public ServletInputStream getInputStream() {
                    return input;
                }

                @Override
                public ServletOutputStream getOutputStream() {
                    return stream;
                }

                @Override
                public void close() {
                }
            });
            Thread sender = new Thread(() -> sending.send(List.of(new byte[]{(byte) 0x81, 1, '2'})), "sender");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                synchronized (stream) {
                    sender.start();
                    while (sender.getState() != Thread.State.BLOCKED) { // holds the connection, waits for the stream
                        Thread.sleep(1);
                    }
                    stream.listener.onWritePossible(); // the container's write event, under the stream's monitor
                }
                sender.join();
            }, "the write event and the sender waited for each other");
        } finally {
            application.shutdownNow();
        }
    }

    /** A container's upgraded connection: input the test pushes, output it inspects. */
    private static final class FakeConnection implements WebConnection {
        final FakeInput input = new FakeInput();
        final FakeOutput output = new FakeOutput();
        boolean closed;

        @Override
        public ServletInputStream getInputStream() {
            return input;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return output;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** An output stream that, like Open Liberty's, writes and calls its write listener under its own monitor. */
    private static final class MonitorHoldingOutput extends FakeOutput {

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            super.write(b);
        }

        @Override
        public synchronized void flush() {
            super.flush();
        }
    }

    private static final class FakeInput extends ServletInputStream {
        private final ArrayDeque<Integer> bytes = new ArrayDeque<>();
        private ReadListener listener;
        private boolean ended;

        void arrive(byte[] data) {
            for (byte b : data) {
                bytes.add(b & 0xFF);
            }
            try {
                listener.onDataAvailable();
            } catch (java.io.IOException impossible) {
                throw new AssertionError(impossible);
            }
        }

        void hangUp() {
            ended = true;
            try {
                listener.onAllDataRead();
            } catch (java.io.IOException impossible) {
                throw new AssertionError(impossible);
            }
        }

        @Override
        public boolean isFinished() {
            return ended && bytes.isEmpty();
        }

        @Override
        public boolean isReady() {
            return !bytes.isEmpty();
        }

        @Override
        public void setReadListener(ReadListener readListener) {
            listener = readListener;
        }

        @Override
        public int read() {
            Integer next = bytes.poll();
            return next == null ? -1 : next;
        }
    }

    private static class FakeOutput extends ServletOutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WriteListener listener;
        boolean ready = true;
        boolean failWrites;
        int flushes;
        int readyChecks;
        /** A flush leaves bytes in the container: not ready until {@link #becomeReady}. */
        boolean notReadyAfterFlush;

        void becomeReady() {
            ready = true;
            try {
                listener.onWritePossible();
            } catch (java.io.IOException impossible) {
                throw new AssertionError(impossible);
            }
        }

        byte[] written() {
            return bytes.toByteArray();
        }

        @Override
        public boolean isReady() {
            readyChecks++;
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            if (!ready) {
                throw new IllegalStateException("write while not ready");
            }
            if (failWrites) {
                throw new java.io.IOException("connection reset");
            }
            bytes.write(b);
        }

        @Override
        public void flush() {
            if (!ready) {
                throw new IllegalStateException("flush while not ready");
            }
            flushes++;
            if (notReadyAfterFlush) {
                ready = false;
            }
        }
    }
}
