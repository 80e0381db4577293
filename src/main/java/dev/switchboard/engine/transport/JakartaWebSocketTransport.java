package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One WebSocket connection of the container's Jakarta WebSocket implementation (setting {@code websocket=container})
 * as a transport: a text frame is a packet, a binary frame a binary MESSAGE.
 * <p>
 * Threads: the container calls {@link #receive} one frame at a time; the session's executor calls
 * {@link #send}. Frames go out through the container's async API one at a time from {@link #outbox}, in
 * order, without ever blocking the caller; whichever thread finishes a write starts the next.
 */
final class JakartaWebSocketTransport extends AbstractWebSocketTransport {
    private static final Logger LOG = Logger.getLogger(JakartaWebSocketTransport.class.getName());
    /** Immutable; this class is loaded once per deployment, and so is the loader. */
    private static final ClassLoader SEND_CONTEXT = new SendContextClassLoader(JakartaWebSocketTransport.class.getClassLoader());
    private final Session socket;
    private final int maxPayload;
    /** Runs a refusal's close on another thread once the container has finished the upgrade request. */
    private final Executor afterUpgrade;
    /** Frames waiting to be written: String, ByteBuffer, or the jakarta.websocket.CloseReason to end with. */
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    /** Set while one frame is being written; the writer owns the socket's remote endpoint. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile boolean closing;

    JakartaWebSocketTransport(Session socket, int maxPayload, EngineObserver observer, Executor afterUpgrade) {
        super(observer);
        this.socket = socket;
        this.maxPayload = maxPayload;
        this.afterUpgrade = afterUpgrade;
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
    }

    void failed(Throwable error) {
        LOG.fine(() -> "WebSocket error: " + error);
        // The outbox stops at a failed write (writing stays set), so no close frame would follow it: close now.
        closing = true;
        closeSocket(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.UNEXPECTED_CONDITION, "transport error"));
        report(CloseReason.TRANSPORT_ERROR, String.valueOf(error.getMessage()));
    }

    @Override
    public boolean isWritable() {
        return !closing && socket.isOpen();
    }

    @Override
    public boolean send(List<Packet> packets) {
        long size = 0;
        for (Packet packet : packets) {
            outbox.add(packet.isBinary() ? ByteBuffer.wrap(packet.binary()) : packet.frame());
            size += packet.isBinary() ? packet.binary().length : packet.frame().length();
        }
        observer.sent(packets.size(), size);
        pump();
        return true;
    }

    /** Queues the close frame behind what was sent; its code tells the client why, where a code fits. */
    @Override
    public void close(CloseReason reason) {
        if (!closing) {
            closing = true;
            outbox.add(closeFrame(reason));
            pump();
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
        afterUpgrade.execute(() -> closeSocket(toJakarta(CloseFrame.refusing(error))));
    }

    /** Writes queued frames one at a time; loops while writes complete inline, else the completion continues. */
    private void pump() {
        while (writing.compareAndSet(false, true)) {
            Object next = outbox.poll();
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
