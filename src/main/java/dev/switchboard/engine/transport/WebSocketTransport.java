package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.MalformedPacketException;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.PacketCodec;
import dev.switchboard.engine.Transport;
import dev.switchboard.engine.TransportListener;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * One WebSocket connection as a transport: a text frame is a packet, a binary frame a binary MESSAGE.
 * <p>
 * Threads: the container calls {@link #receive} one frame at a time; the session's executor calls
 * {@link #send}. Frames go out through the container's async API one at a time from {@link #outbox}, in
 * order, without ever blocking the caller; whichever thread finishes a write starts the next.
 */
final class WebSocketTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
    private static final Object CLOSE_MARK = new Object();
    private static final ClassLoader SEND_CONTEXT = ClassLoader.getPlatformClassLoader();

    private final Session socket;
    /** Frames waiting to be written: String, ByteBuffer, or CLOSE_MARK. */
    private final Queue<Object> outbox = new ConcurrentLinkedQueue<>();
    /** Set while one frame is being written; the writer owns the socket's remote endpoint. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile TransportListener listener;
    private volatile boolean closing;

    WebSocketTransport(Session socket) {
        this.socket = socket;
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<String> upgrades() {
        return List.of();
    }

    @Override
    public void bind(TransportListener listener) {
        this.listener = listener;
    }

    void receive(String frame) {
        try {
            listener.onPacket(this, PacketCodec.decodeFrame(frame));
        } catch (MalformedPacketException malformed) {
            LOG.fine(() -> "Malformed WebSocket frame: " + malformed.getMessage());
            report(CloseReason.PARSE_ERROR, malformed.getMessage());
        }
    }

    void receive(byte[] frame) {
        listener.onPacket(this, PacketCodec.decodeFrame(frame));
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
        report(CloseReason.TRANSPORT_ERROR, String.valueOf(error.getMessage()));
    }

    @Override
    public boolean isWritable() {
        return !closing && socket.isOpen();
    }

    @Override
    public boolean send(List<Packet> packets) {
        for (Packet packet : packets) {
            outbox.add(packet.isBinary() ? ByteBuffer.wrap(packet.binary()) : packet.frame());
        }
        pump();
        return true;
    }

    @Override
    public void close() {
        if (!closing) {
            closing = true;
            outbox.add(CLOSE_MARK);
            pump();
        }
    }

    @Override
    public void discard() {
        close(); // a WebSocket is never upgraded away from; nothing is held
    }

    @Override
    public void refuse(EngineError error) {
        closing = true;
        // The close reason carries the same JSON as the HTTP error body.
        jakarta.websocket.CloseReason.CloseCode code = error == EngineError.FORBIDDEN
                ? jakarta.websocket.CloseReason.CloseCodes.VIOLATED_POLICY
                : jakarta.websocket.CloseReason.CloseCodes.PROTOCOL_ERROR;
        closeSocket(new jakarta.websocket.CloseReason(code, error.json()));
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
            if (next == CLOSE_MARK) {
                closeSocket(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
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
            // Tyrus restarts its idle timer on every send by scheduling a task on the container's managed
            // scheduler, and Payara captures the thread context for each such task with a ServiceLoader scan
            // through the context class loader (ContextSetupProviderImpl.saveContext): with the application's
            // loader that reads every server module's jar, about half of a broadcast delivery's CPU. The
            // platform loader answers the scan at once. Nothing of the application runs in the send.
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

    private void report(CloseReason reason, String detail) {
        if (reported.compareAndSet(false, true) && listener != null) {
            listener.onClosed(this, reason, detail);
        }
    }
}
