package dev.switchboard.it.support;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client that keeps asking for data and never reads it: it joins the shipped {@code /chat} namespace over a raw
 * WebSocket with a tiny receive buffer, sends {@code latency} events whose acks echo a large argument, and answers
 * the heartbeat blindly (a pong every half second, read or not), as a client that wants to stay connected without
 * reading would. The server should cut it off once maxBufferedBytes wait for it.
 * <p>
 * Its writes go through a thread of its own and are given {@link #WRITE_DEADLINE_SECONDS} each: a server that ends
 * the session but neither reads nor closes the connection (Open Liberty's WebSocket keeps it, docs/deploying.md)
 * would otherwise block a write for good, and a blocked socket write is deaf to the test's timeout. The test thread
 * owns the rest; {@link #close()} closes the socket, which ends a write still blocked.
 */
public final class SlowReader implements AutoCloseable {
    private static final long PONG_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Far above what a write takes while the server reads, or fails once it has closed. */
    private static final long WRITE_DEADLINE_SECONDS = 15;
    private final FrameSocket socket;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "slow-reader-writer");
        thread.setDaemon(true);
        return thread;
    });
    private long lastPong = System.nanoTime();
    /** A write outlived its deadline: the ones after it would wait behind it, so they fail at once. */
    private boolean stalled;

    private SlowReader(FrameSocket socket) {
        this.socket = socket;
    }

    /** Connected and joined to /chat; from here on it reads nothing. */
    public static SlowReader join(URI base) throws IOException {
        FrameSocket socket = FrameSocket.connect(base, "EIO=4&transport=websocket", Map.of(), 4096);
        if (socket.response.status() != 101) {
            throw new IOException("WebSocket handshake answered " + socket.response.status());
        }
        socket.next(0x1); // the open packet
        socket.sendText("40/chat,");
        while (!socket.next(0x1).text().startsWith("40/chat,")) {
            // a ping that came first: the blind pongs below answer the heartbeat
        }
        return new SlowReader(socket);
    }

    /**
     * Asks for {@code echoes} acks of {@code echoBytes} characters each, a blind pong between them when due.
     * Stops early when the server has closed the connection (a write fails).
     *
     * @return how many requests were sent
     */
    public int requestEchoes(int echoes, int echoBytes) {
        String argument = "x".repeat(echoBytes);
        for (int i = 0; i < echoes; i++) {
            try {
                send("42/chat," + i + "[\"latency\",\"" + argument + "\"]");
                pongIfDue();
            } catch (IOException closedByServer) {
                return i;
            }
        }
        return echoes;
    }

    /** Keeps answering the heartbeat blindly for {@code millis}, without reading; stops early once cut off. */
    public void stayFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (System.nanoTime() < end) {
                pongIfDue();
                Thread.sleep(50); // the client's own pace
            }
        } catch (IOException closedByServer) {
            // what the caller waits for
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void pongIfDue() throws IOException {
        if (System.nanoTime() - lastPong > PONG_EVERY_NANOS) {
            send("3");
            lastPong = System.nanoTime();
        }
    }

    /** One text frame, written within the deadline; an IOException when the server closed or stopped reading. */
    private void send(String text) throws IOException {
        if (stalled) {
            throw new IOException("the server stopped reading without closing the connection");
        }
        try {
            writer.submit(() -> {
                socket.sendText(text);
                return null;
            }).get(WRITE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        } catch (TimeoutException blocked) {
            stalled = true;
            throw new IOException("the server stopped reading without closing the connection");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", interrupted);
        }
    }

    /** Reads (and drops) the backlog: whether the server closed the TCP connection within the read timeout. */
    public boolean connectionEnds() throws IOException {
        return socket.awaitEndOfStream();
    }

    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            writer.shutdownNow();
        }
    }
}
