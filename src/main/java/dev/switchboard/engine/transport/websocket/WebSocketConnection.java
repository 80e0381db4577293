package dev.switchboard.engine.transport.websocket;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection (RFC 6455) on a connection upgraded through the Servlet API, read and written with
 * its non-blocking streams. It replaces the container's WebSocket implementation for Switchboard's own endpoint:
 * no per-frame timers, no per-message wrapper objects, frames written as single arrays.
 * <p>
 * Threads: the container calls the read side one event at a time, and only it touches the {@link FrameDecoder}.
 * Frames are queued and written from any thread; {@code this} guards the outbox and every call on the output
 * stream, the container's {@code onWritePossible} included, which is how the Servlet API wants concurrent writers
 * serialised. Listener calls are never made while holding {@code this}.
 * <p>
 * Closing follows section 7: a close frame is queued behind what was sent, nothing is sent after it, and the TCP
 * connection is closed once our close frame has left and the peer's was read (or, when the peer broke the
 * protocol, once ours has left: section 7.1.7), or the peer hung up, or
 * {@link #CLOSE_WAIT_MILLIS} after the close frame was queued, whether or not it could be written: a peer that stops
 * reading cannot hold a closing connection, and what waits for it, in memory. Reading goes on until then, so the
 * peer's answer is not left unread (which would reset the connection and could lose the close frame on its way).

 * <p>
 * The TCP connection is never closed within {@link #UPGRADE_SETTLE_MILLIS} of {@link #init}, though what the
 * application hears of the end is not held back. Payara and GlassFish call {@code init} from inside the upgrading
 * request's processing, which reads that request's response once {@code init} returned; closing the connection
 * recycles the response, so a close that wins that race (a refusal the peer answers at once, or a failure inside
 * {@code init} itself) made the container fail on its own thread with "Internal Grizzly Response has not been set",
 * or, with the delay at 0, a NullPointerException from {@code Connection.getLocalAddress()} in Payara's
 * end-of-request event (PECoyoteConnector.requestEndEvent), seen during AutobahnIT.
 */
public class WebSocketConnection implements HttpUpgradeHandler {
    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());
    /** How long a queued close frame may take to be written and answered before the TCP connection is closed anyway. */
    public static final long CLOSE_WAIT_MILLIS = 2000;
    /**
     * How long after {@link #init} the container may still be finishing the upgrading request (see the class comment):
     * its own work there takes microseconds; the rest is room for its thread to be descheduled on a busy machine.
     */
    static final long UPGRADE_SETTLE_MILLIS = 250;
    private static final Runnable NOTHING = () -> { };

    /** Runs a task later, off the caller's thread. */
    public interface Timer {
        void schedule(Runnable task, long delayMillis);
    }

    // Set by the upgrading request before the container calls init(); read only after.
    private volatile int maxMessageSize;
    private volatile Function<WebSocketConnection, WebSocketListener> opener;
    private volatile Timer timer;

    private volatile WebConnection connection;
    private volatile WebSocketListener listener;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final long settleNanos;
    /** When init began (System.nanoTime), set before anything can close the connection. */
    private volatile long initiated;

    // Only touched by the container's read events.
    private ServletInputStream input;
    private FrameDecoder decoder;
    /** Set after a protocol error: what still arrives is read and dropped until the connection closes. */
    private boolean discarding;

    // Guarded by this: the output stream and what is waiting for it.
    private ServletOutputStream output;
    private final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    /** The bytes in {@link #outbox}; written under this, read without it by {@link #bufferedBytes}. */
    private volatile long outboxBytes;
    /** What runs once the TCP connection is closed ({@link #whenGone}); null once it has run. */
    private Runnable onGone = NOTHING;
    private boolean unflushed;
    /** The close frame once queued: nothing is queued after it. */
    private byte[] closeFrame;
    private boolean closeFrameWritten;
    private boolean closeFrameSent;
    private boolean peerClosed;
    /** The peer broke the protocol: the connection closes once our close frame has left (section 7.1.7). */
    private boolean failing;
    /** The connection ended (by us, or the container told us): the streams must not be touched again. */
    private volatile boolean shut;
    /** Set with closeFrame or shut; read without the lock on every message received. */
    private volatile boolean closing;

    /** For the container, which makes one per upgraded request. */
    public WebSocketConnection() {
        this(UPGRADE_SETTLE_MILLIS);
    }

    /** @param settleMillis the least time between {@link #init} and closing the TCP connection */
    WebSocketConnection(long settleMillis) {
        this.settleNanos = TimeUnit.MILLISECONDS.toNanos(settleMillis);
    }

    /**
     * Called by whoever upgraded the request, before the container calls {@link #init}.
     *
     * @param opener makes the listener once the connection is open; it may already send and close
     */
    public void prepare(int maxMessageSize, Timer timer, Function<WebSocketConnection, WebSocketListener> opener) {
        this.maxMessageSize = maxMessageSize;
        this.timer = timer;
        this.opener = opener;
    }

    @Override
    public void init(WebConnection webConnection) {
        initiated = System.nanoTime();
        connection = webConnection;
        try {
            input = webConnection.getInputStream();
            decoder = new FrameDecoder(maxMessageSize);
            synchronized (this) {
                output = webConnection.getOutputStream();
                // The 101 is flushed by the first write, as any frame is. Grizzly holds it until then, and a client
                // upgrading a polling session speaks first (its probe) once it has the 101: flush at once. Never
                // from the upgrading request's thread: a blocking flush there shares Grizzly's write queue with
                // this connection and waited out the write timeout (30 s of a container thread) for a client that
                // stopped reading.
                unflushed = true;
                output.setWriteListener(new Writer(output));
            }
            listener = opener.apply(this);
            input.setReadListener(new Reader());
        } catch (IOException | RuntimeException failure) {
            LOG.log(Level.SEVERE, "Failed to open an upgraded WebSocket connection", failure);
            shutdown();
        }
    }

    /** The container is done with the connection (closed by either side). */
    @Override
    public void destroy() {
        synchronized (this) {
            shut = true;
            closing = true;
            clearOutbox();
        }
        reportClosed(CloseCode.ABNORMAL, "");
        gone();
    }

    /** Queues frames made by {@link FrameEncoder} and writes what the connection takes now. Any thread. */
    public void send(List<byte[]> frames) {
        Runnable then;
        synchronized (this) {
            if (closing) {
                return; // section 5.5.1: nothing after a close frame
            }
            for (byte[] frame : frames) {
                outbox.add(frame);
                outboxBytes += frame.length;
            }
            then = pump();
        }
        then.run();
    }

    public void send(byte[] frame) {
        send(List.of(frame));
    }

    /** Sends a close frame after what was queued, then closes the connection (see the class comment). Any thread. */
    public void close(CloseCode code, String reason) {
        Runnable then;
        synchronized (this) {
            then = queueClose(FrameEncoder.close(code.wire(), reason));
        }
        then.run();
    }

    /**
     * Section 7.1.7, failing the connection: a close frame after what was queued, then the TCP connection is closed
     * as soon as it has left, without waiting for the peer's answer (its frames are no longer read, and a peer that
     * broke the protocol may have sent its close frame already, broken). Marks the connection closing at once, so
     * no other close can get its code out first, but queues the frame only in what it returns, to run once the
     * failure is reported: a peer that has the close frame can already be sending its next request, which must find
     * the session ending (EngineServer.verify), not still in use. Not holding this.
     */
    private Runnable fail(CloseCode code, String reason) {
        byte[] frame = FrameEncoder.close(code.wire(), reason);
        synchronized (this) {
            failing = true;
            if (closing) {
                return NOTHING;
            }
            closing = true;
        }
        return () -> {
            Runnable then;
            synchronized (this) {
                then = sendClose(frame);
            }
            then.run();
        };
    }

    /**
     * Drops what waits to be written and sends a close frame at once (the peer stopped reading); the connection is
     * closed within {@link #CLOSE_WAIT_MILLIS} whether or not the frame gets out. Any thread.
     */
    public void abort(CloseCode code, String reason) {
        Runnable then;
        synchronized (this) {
            byte[] queuedClose = closeFrame != null && !closeFrameWritten ? closeFrame : null;
            clearOutbox();
            if (queuedClose != null) {
                then = requeueClose(queuedClose);
            } else {
                then = queueClose(FrameEncoder.close(code.wire(), reason));
            }
        }
        then.run();
    }

    /** Bytes queued and not yet handed to the container's stream. Any thread. */
    public long bufferedBytes() {
        return outboxBytes;
    }

    /**
     * Runs {@code action} once the TCP connection is closed, or at once when it already is. Any thread; the action
     * runs on whichever thread closes, not holding this.
     */
    public void whenGone(Runnable action) {
        boolean already;
        synchronized (this) {
            already = onGone == null;
            if (!already) {
                Runnable before = onGone;
                onGone = () -> {
                    before.run();
                    action.run();
                };
            }
        }
        if (already) {
            action.run();
        }
    }

    /** Whether a close frame was queued or the connection is gone: what is sent now would not arrive. */
    public boolean isClosing() {
        return closing;
    }

    /** Holds this; returns what to do once it is released: write, and bound the wait for the close to finish. */
    private Runnable queueClose(byte[] frame) {
        if (closing) {
            return NOTHING;
        }
        closing = true;
        return sendClose(frame);
    }

    /** Holds this, closing set: queues the close frame and writes; returns what writes on and bounds the close wait. */
    private Runnable sendClose(byte[] frame) {
        closeFrame = frame;
        outbox.add(frame);
        outboxBytes += frame.length;
        Runnable written = pump();
        return () -> {
            written.run();
            closeWithin(CLOSE_WAIT_MILLIS);
        };
    }

    /** Holds this; the close frame was dropped with the outbox ahead of it: put it back, now first in line. */
    private Runnable requeueClose(byte[] frame) {
        outbox.add(frame);
        outboxBytes += frame.length;
        return pump();
    }

    /** Holds this. */
    private void clearOutbox() {
        outbox.clear();
        outboxBytes = 0;
    }

    /**
     * Writes and flushes while the stream is ready; the container calls onWritePossible when it is again. Holds this:
     * the stream is written under this connection's monitor, always taken before the stream's own ({@link Writer}).
     * Returns what must happen once it is released (closing the connection, telling the listener), so that no close
     * and no listener call is made under the lock.
     * <p>
     * The stream is asked whether it is ready before each write and each flush, as the Servlet API requires, and not
     * after the last flush: the next send asks before it writes (and is called back when the stream was not ready),
     * and the container writes what it holds either way. That saved one readiness check of three for each frame
     * sent alone, the commonest send there is (a broadcast's delivery, an ack). Only a written close frame is
     * followed by one more check: the stream being ready again is how its having left is known.
     */
    private Runnable pump() {
        if (shut || output == null) {
            return NOTHING;
        }
        try {
            while (true) {
                if (outbox.isEmpty() && !unflushed) {
                    return closeFrameWritten && !closeFrameSent && output.isReady() ? closeFrameLeft() : NOTHING;
                }
                if (!output.isReady()) {
                    return NOTHING;
                }
                byte[] next = outbox.poll();
                if (next != null) {
                    outboxBytes -= next.length;
                    output.write(next);
                    unflushed = true;
                    closeFrameWritten |= next == closeFrame;
                } else {
                    unflushed = false;
                    output.flush();
                }
            }
        } catch (IOException | RuntimeException writeFailed) {
            // the container's stream throws more than IOException once the connection is gone under it (Open Liberty:
            // a NullPointerException from flush after its listener stopped, at server stop): the write failed all the same
            return () -> failed(writeFailed);
        }
    }

    /**
     * Holds this. The close frame has left: close now if the peer already answered or broke the protocol, else the
     * peer has the rest of {@link #CLOSE_WAIT_MILLIS} to (queueClose started that timer).
     */
    private Runnable closeFrameLeft() {
        closeFrameSent = true;
        return peerClosed || failing ? this::shutdown : NOTHING;
    }

    /** Closes after {@code millis} unless the closing handshake finished first. Not holding this. */
    private void closeWithin(long millis) {
        if (shut) {
            return;
        }
        try {
            timer.schedule(this::shutdown, millis);
        } catch (RuntimeException timerStopped) {
            shutdown(); // the application is stopping (its timer is gone): no time left to wait
        }
    }

    /**
     * Ends the connection: nothing is read or written any more, the listener hears of it now, and the TCP connection
     * is closed, at once or once the upgrade settled; the container then calls {@link #destroy}. Idempotent, any
     * thread but not holding this.
     */
    private void shutdown() {
        synchronized (this) {
            if (shut) {
                return;
            }
            shut = true;
            closing = true;
            clearOutbox();
        }
        long early = settleNanos - (System.nanoTime() - initiated);
        if (early > 0) {
            closeLater(TimeUnit.NANOSECONDS.toMillis(early) + 1);
        } else {
            closeConnection();
        }
        reportClosed(CloseCode.ABNORMAL, "");
    }

    /** The container may still be finishing the upgrading request: it closes the connection after that. */
    private void closeLater(long delayMillis) {
        try {
            timer.schedule(this::closeConnection, delayMillis);
        } catch (RuntimeException timerStopped) {
            closeConnection(); // the application is stopping: closing late is worse than the race
        }
    }

    private void closeConnection() {
        try {
            WebConnection open = connection;
            if (open != null) {
                open.close();
            }
        } catch (Exception alreadyGone) {
            LOG.fine(() -> "WebSocket connection close failed: " + alreadyGone);
        }
        gone();
    }

    /** The TCP connection is closed: run what waited for that, once. Not holding this. */
    private void gone() {
        Runnable actions;
        synchronized (this) {
            actions = onGone;
            onGone = null;
        }
        if (actions != null) {
            actions.run();
        }
    }

    private void failed(Throwable cause) {
        LOG.fine(() -> "WebSocket connection failed: " + cause);
        reportFailed(cause);
        shutdown();
    }

    private void reportClosed(int code, String reason) {
        WebSocketListener told = listener;
        if (told != null && reported.compareAndSet(false, true)) {
            told.onClosed(code, reason);
        }
    }

    private void reportFailed(Throwable cause) {
        WebSocketListener told = listener;
        if (told != null && reported.compareAndSet(false, true)) {
            told.onFailed(cause);
        }
    }

    /** The container's read events: decode what arrived, answer control frames, pass messages on. */
    private final class Reader implements ReadListener, FrameDecoder.Input, FrameListener {

        @Override
        public void onDataAvailable() {
            try {
                if (discarding) {
                    discardAvailable();
                } else if (!decoder.readFrom(this, this)) {
                    onAllDataRead();
                }
            } catch (WebSocketProtocolException broken) {
                LOG.fine(() -> "WebSocket protocol error, closing with " + broken.code().wire() + ": " + broken.getMessage());
                discarding = true;
                try {
                    discardAvailable(); // what already came is garbage: read, so closing does not reset the connection
                } catch (IOException gone) {
                    onError(gone);
                }
                // The connection is closing before anyone hears of the failure, so whoever closes in answer (the
                // session, on another thread) cannot get its own close code out first; the close frame is queued,
                // written and the connection closed once the failure is reported.
                Runnable closing = fail(broken.code(), broken.getMessage());
                reportFailed(broken);
                closing.run();
            } catch (IOException gone) {
                onError(gone);
            } catch (RuntimeException | Error bug) {
                // an Error too (out of memory while a message was assembled): the container's read thread must not
                // get it, and the connection can still be closed
                if (shut) {
                    LOG.fine(() -> "WebSocket input failed after close: " + bug);
                    return; // closed by another thread while reading: the container's stream is gone
                }
                LOG.log(Level.SEVERE, "Failed to handle a WebSocket frame", bug);
                WebSocketConnection.this.close(CloseCode.INTERNAL_ERROR, "");
                reportFailed(bug);
            }
        }

        private void discardAvailable() throws IOException {
            byte[] sink = new byte[512];
            while (isReady()) {
                if (input.read(sink, 0, sink.length) < 0) {
                    onAllDataRead();
                    return;
                }
            }
        }

        /** The peer hung up (its side of TCP closed). */
        @Override
        public void onAllDataRead() {
            shutdown(); // reports the end as ABNORMAL unless a close frame came first
        }

        @Override
        public void onError(Throwable failure) {
            failed(failure);
        }

        @Override
        public boolean isReady() {
            // Grizzly recycles a closed connection's input and still delivers what was in flight: never read then
            return !shut && input.isReady();
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            return input.read(into, offset, length);
        }

        @Override
        public void text(String message) {
            if (!isClosing()) {
                listener.onText(message);
            }
        }

        @Override
        public void binary(byte[] message) {
            if (!isClosing()) {
                listener.onBinary(message);
            }
        }

        @Override
        public void ping(byte[] payload) {
            send(FrameEncoder.pong(payload)); // dropped once closing, as section 5.5.1 wants
        }

        @Override
        public void pong(byte[] payload) {
            // unsolicited or not, a pong needs no answer (section 5.5.3); Engine.IO has its own heartbeat
        }

        @Override
        public void close(int code, String reason) {
            Runnable then;
            synchronized (WebSocketConnection.this) {
                peerClosed = true;
                if (closeFrame == null) {
                    // section 5.5.1: answer with a close frame, echoing the code; the connection closes once it left,
                    // or CLOSE_WAIT_MILLIS from now if what is queued ahead of it never gets out
                    then = queueClose(code == CloseCode.NO_STATUS ? FrameEncoder.close() : FrameEncoder.close(code, ""));
                } else {
                    // ours is queued: close as soon as it has left (pump), or when queueClose's timer runs out
                    then = closeFrameSent ? WebSocketConnection.this::shutdown : NOTHING;
                }
            }
            reportClosed(code, reason);
            then.run();
        }
    }

    /**
     * The container's write events: the stream can take more. A thread sending holds this connection and then
     * writes to the stream, so the stream's monitor is always taken second. Open Liberty calls
     * {@link #onWritePossible} holding that monitor: pumping there would take the two in the opposite order, and a
     * sender and the write event waited for each other for good (a heartbeat's ping queued while the stream became
     * writable again). Such an event is pumped on the application's timer instead, at once; on a container that
     * holds no such monitor (Payara, WildFly, GlassFish) it is pumped here, as before: no task per write event on
     * the busiest path there is, a burst broadcast to a large room.
     */
    private final class Writer implements WriteListener {
        /** The stream this listens to, whose monitor the container may hold when it calls. */
        private final ServletOutputStream stream;

        Writer(ServletOutputStream stream) {
            this.stream = stream;
        }

        @Override
        public void onWritePossible() {
            if (!Thread.holdsLock(stream)) {
                pumpNow();
                return;
            }
            try {
                timer.schedule(this::pumpNow, 0);
            } catch (RuntimeException timerStopped) {
                // the application is stopping: its shutdown closes the connection, nothing is left to write
                LOG.fine(() -> "WebSocket write event after the timer stopped: " + timerStopped);
            }
        }

        private void pumpNow() {
            Runnable then;
            synchronized (WebSocketConnection.this) {
                then = pump();
            }
            then.run();
        }

        @Override
        public void onError(Throwable failure) {
            failed(failure);
        }
    }
}
