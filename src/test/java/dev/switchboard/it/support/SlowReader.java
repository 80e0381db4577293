package dev.switchboard.it.support;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client that keeps asking for data and never reads it: it joins the shipped {@code /chat} namespace over a raw
 * WebSocket with a tiny receive buffer, sends {@code latency} events whose acks echo a large argument, and answers
 * the heartbeat blindly (a pong every half second, read or not), as a client that wants to stay connected without
 * reading would. The server should cut it off once maxBufferedBytes wait for it.
 */
public final class SlowReader implements AutoCloseable {
    private static final long PONG_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private final FrameSocket socket;
    private long lastPong = System.nanoTime();

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
                socket.sendText("42/chat," + i + "[\"latency\",\"" + argument + "\"]");
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
            socket.sendText("3");
            lastPong = System.nanoTime();
        }
    }

    /** Reads (and drops) the backlog: whether the server closed the TCP connection within the read timeout. */
    public boolean connectionEnds() throws IOException {
        return socket.awaitEndOfStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
