package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One WebSocket connection of the container's Jakarta WebSocket implementation (setting {@code websocket=container})
 * as a transport: a text frame is a packet, a binary frame a binary MESSAGE.
 * <p>
 * Threads: the container calls {@link #receive} one frame at a time; the session's executor calls
 * {@link #send}. Frames go out through the container's async API one at a time from {@link #outbox}, in
 * order, without ever blocking the caller; whichever thread finishes a write starts the next.
 * <p>
 * A close waits in the outbox behind what was sent, but never longer than {@link WebSocketConnection#CLOSE_WAIT_MILLIS}:
 * a client that stops reading leaves an async send that never completes, and the socket is then closed directly.
 * The Jakarta API cannot abort a connection; the session's place among the server's connections is given back when
 * the container reports the close, or at the latest {@link #GONE_DEADLINE_MILLIS} after the close began.
 */
final class JakartaWebSocketTransport extends AbstractWebSocketTransport {
    private static final Logger LOG = Logger.getLogger(JakartaWebSocketTransport.class.getName());
    /** The longest a closing connection keeps its place when the container never reports its end. */
    static final long GONE_DEADLINE_MILLIS = 2 * WebSocketConnection.CLOSE_WAIT_MILLIS;
    /** Time the container gets to finish the upgrade request before a refused socket is closed. */
    static final long UPGRADE_SETTLE_MILLIS = 100;
    /** In {@link #onGone} once the end was reported: an action set later runs at once. */
    private static final Runnable GONE = () -> { };
    /** Immutable; this class is loaded once per deployment, and so is the loader. */
    private static final ClassLoader SEND_CONTEXT = new SendContextClassLoader(JakartaWebSocketTransport.class.getClassLoader());
    private final Session socket;
    private final int maxPayload;
    /** Runs delayed work off the caller's thread: a refusal's close, the bound on a close. */
    private final WebSocketConnection.Timer timer;
    /** Frames waiting to be written: String, ByteBuffer, or the jakarta.websocket.CloseReason to end with. */
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    /** The length of the text and binary frames in {@link #outbox}, counted against maxBufferedBytes. */
    private final AtomicLong outboxBytes = new AtomicLong();
    /** What runs once the container reports the end ({@link #whenGone}), or {@link #GONE} after it; runs once. */
    private final AtomicReference<Runnable> onGone = new AtomicReference<>();
    /** Set while one frame is being written; the writer owns the socket's remote endpoint. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closing;

    JakartaWebSocketTransport(Session socket, int maxPayload, EngineObserver observer, WebSocketConnection.Timer timer) {
        super(observer);
        this.socket = socket;
        this.maxPayload = maxPayload;
        this.timer = timer;
    }

    void receive(String frame) {
        if (closing) {
            return; // refused or closing: there may be no session to tell, and none wants to hear
        }
        if (exceedsMaxPayload(frame)) {
            refuseTooBig();
            return;
        }
        deliver(frame);
    }

    void receive(byte[] frame) {
        if (closing) {
            return;
        }
        if (frame.length > maxPayload) {
            refuseTooBig();
            return;
        }
        deliver(frame);
    }

    /**
     * maxPayload bounds every message. The buffer sizes the endpoint gives the container only apply to messages
     * that arrive in fragments, so a whole message is measured here, text in UTF-8 bytes.
     */
    private boolean exceedsMaxPayload(String frame) {
        // a char is one to three UTF-8 bytes (a surrogate pair is four for two chars): count only when it matters
        return frame.length() * 3L > maxPayload && (frame.length() > maxPayload || utf8Length(frame) > maxPayload);
    }

    /** RFC 6455: 1009 is the close code for a message too big to process. */
    private void refuseTooBig() {
        LOG.fine(() -> "WebSocket message larger than maxPayload " + maxPayload);
        closing = true;
        // the session hears first, so its close is queued before the client can see the close frame
        report(CloseReason.TRANSPORT_ERROR, "message larger than maxPayload " + maxPayload);
        closeSocket(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.TOO_BIG, "Max payload exceeded"));
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** The connection ended (peer close, network drop, container idle timeout). */
    void closed(jakarta.websocket.CloseReason why) {
        closing = true;
        String detail = "websocket closed with " + why.getCloseCode().getCode()
                + (why.getReasonPhrase() == null || why.getReasonPhrase().isEmpty() ? "" : " " + why.getReasonPhrase());
        report(CloseReason.TRANSPORT_CLOSE, detail);
        gone();
    }

    void failed(Throwable error) {
        LOG.fine(() -> "WebSocket error: " + error);
        // The outbox stops at a failed write (writing stays set), so no close frame would follow it: close now.
        closing = true;
        closeSocket(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.UNEXPECTED_CONDITION, "transport error"));
        report(CloseReason.TRANSPORT_ERROR, String.valueOf(error.getMessage()));
        if (!socket.isOpen()) {
            gone();
        }
    }

    @Override
    public boolean isWritable() {
        return !closing && socket.isOpen();
    }

    @Override
    public int send(List<Packet> packets) {
        long size = 0;
        for (Packet packet : packets) {
            outbox.add(packet.isBinary() ? ByteBuffer.wrap(packet.binary()) : packet.frame());
            size += packet.length();
        }
        outboxBytes.addAndGet(size);
        observer.sent(packets.size(), size);
        pump();
        return packets.size();
    }

    @Override
    public long bufferedBytes() {
        return outboxBytes.get();
    }

    /** Queues the close frame behind what was sent; its code tells the client why, where a code fits. */
    @Override
    public void close(CloseReason reason) {
        if (!closing) {
            closing = true;
            outbox.add(closeFrame(reason));
            pump();
            bound(closeFrame(reason));
        }
    }

    /** Drops what waits and closes now: the client does not read, so the close frame cannot wait its turn. */
    @Override
    public void abort(CloseReason reason) {
        closing = true;
        outbox.clear();
        outboxBytes.set(0);
        jakarta.websocket.CloseReason frame = closeFrame(reason);
        schedule(() -> closeSocket(frame), 0);
        bound(frame);
    }

    @Override
    public void whenGone(Runnable action) {
        Runnable prior = onGone.compareAndExchange(null, action);
        if (prior == GONE) {
            action.run(); // the end came first; otherwise gone() runs it
        } else if (prior != null) {
            throw new IllegalStateException("whenGone takes one action");
        }
    }

    /**
     * A close may wait behind a send that never completes (the client stopped reading): close the socket directly
     * after CLOSE_WAIT_MILLIS, and give the session's place back after GONE_DEADLINE_MILLIS at the latest.
     */
    private void bound(jakarta.websocket.CloseReason frame) {
        schedule(() -> {
            outbox.clear();
            outboxBytes.set(0);
            closeSocket(frame);
        }, WebSocketConnection.CLOSE_WAIT_MILLIS);
        schedule(this::gone, GONE_DEADLINE_MILLIS);
    }

    /** The connection is over, or as good as: run what waited for that, once. */
    private void gone() {
        Runnable action = onGone.getAndSet(GONE);
        if (action != null && action != GONE) {
            action.run();
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis);
        } catch (RuntimeException timerStopped) {
            task.run(); // the application is stopping (its timer is gone): no time left to wait
        }
    }

    private static jakarta.websocket.CloseReason closeFrame(CloseReason reason) {
        return toJakarta(CloseFrame.closing(reason));
    }

    private static jakarta.websocket.CloseReason toJakarta(CloseFrame frame) {
        return new jakarta.websocket.CloseReason(
                jakarta.websocket.CloseReason.CloseCodes.getCloseCode(frame.code().wire()), frame.reason());
    }

    @Override
    public void refuse(EngineError error) {
        closing = true;
        // A refusal is decided in @OnOpen, or just after on the session's executor, and Payara runs @OnOpen
        // inside the upgrade request. Closing before that request has finished ends it under the container's
        // feet: SEVERE "Internal ... Response has not been set", a request context leaked on that thread, and
        // at times a close frame that never leaves. So the close waits for the upgrade to be done (ErrorsIT).
        jakarta.websocket.CloseReason frame = toJakarta(CloseFrame.refusing(error));
        schedule(() -> closeSocket(frame), UPGRADE_SETTLE_MILLIS);
    }

    /** Writes queued frames one at a time; loops while writes complete inline, else the completion continues. */
    private void pump() {
        while (writing.compareAndSet(false, true)) {
            Object next = outbox.poll();
            if (next instanceof String text) {
                outboxBytes.addAndGet(-text.length());
            } else if (next instanceof ByteBuffer bytes) {
                outboxBytes.addAndGet(-bytes.remaining());
            }
            if (next == null) {
                writing.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue;
            }
            if (next instanceof jakarta.websocket.CloseReason closeFrame) {
                closeSocket(closeFrame);
                return; // writing stays set: nothing more goes out
            }
            AtomicBoolean callerReturned = new AtomicBoolean();
            SendHandler done = result -> {
                if (!result.isOK()) {
                    failed(result.getException());
                    return;
                }
                writing.set(false);
                if (callerReturned.getAndSet(true)) {
                    pump(); // completed later, on a container thread: that thread carries on
                }
            };
            // the container's idle-timer restart inside each send captures the context class loader (see there)
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(SEND_CONTEXT);
            try {
                if (next instanceof String text) {
                    socket.getAsyncRemote().sendText(text, done);
                } else {
                    socket.getAsyncRemote().sendBinary((ByteBuffer) next, done);
                }
            } catch (RuntimeException socketGone) {
                failed(socketGone);
                return;
            } finally {
                thread.setContextClassLoader(context);
            }
            if (!callerReturned.getAndSet(true)) {
                return; // the write is in flight; its completion calls pump()
            }
        }
    }

    private void closeSocket(jakarta.websocket.CloseReason reason) {
        try {
            if (socket.isOpen()) {
                socket.close(reason);
            }
        } catch (IOException | RuntimeException alreadyGone) {
            LOG.fine(() -> "WebSocket close failed: " + alreadyGone);
        }
    }
}
