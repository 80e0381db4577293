package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.MalformedPacketException;
import dev.switchboard.engine.PacketCodec;
import dev.switchboard.engine.Transport;
import dev.switchboard.engine.TransportListener;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * What every WebSocket transport shares, whichever implementation carries its frames: a text frame is a packet,
 * a binary frame a binary MESSAGE, and the session hears of the end once.
 */
abstract class AbstractWebSocketTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(AbstractWebSocketTransport.class.getName());

    static {
        // Every close frame is made once when the first WebSocket opens, not first on the way out: a container may
        // no longer read the application's classes while it undeploys it (Open Liberty cannot once the WAR has left
        // dropins/), and a drain's goodbye must not fail on a class it never needed before (RedeployIT).
        for (CloseReason reason : CloseReason.values()) {
            CloseFrame.closing(reason);
        }
        for (EngineError error : EngineError.values()) {
            CloseFrame.refusing(error);
        }
    }
    protected final EngineObserver observer;
    private final AtomicBoolean reported = new AtomicBoolean();
    /** Set once by the session (or the upgrade it is offered to) before any frame is passed on. */
    private volatile TransportListener listener;

    protected AbstractWebSocketTransport(EngineObserver observer) {
        this.observer = observer;
    }

    @Override
    public final String name() {
        return "websocket";
    }

    @Override
    public final List<String> upgrades() {
        return List.of();
    }

    @Override
    public final void bind(TransportListener listener) {
        this.listener = listener;
    }

    @Override
    public final void close() {
        close(CloseReason.TRANSPORT_CLOSE);
    }

    @Override
    public final void discard() {
        close(); // a WebSocket is never upgraded away from; nothing is held
    }

    /** Passes a text frame on as a packet; a frame that is not Engine.IO ends the session (parse error). */
    protected final void deliver(String frame) {
        TransportListener session = listener;
        if (session == null) {
            return; // refused: there is no session to tell, and the connection is closing
        }
        observer.received(1, frame.length());
        try {
            session.onPacket(this, PacketCodec.decodeFrame(frame));
        } catch (MalformedPacketException malformed) {
            LOG.fine(() -> "Malformed WebSocket frame: " + malformed.getMessage());
            report(CloseReason.PARSE_ERROR, malformed.getMessage());
        }
    }

    protected final void deliver(byte[] frame) {
        TransportListener session = listener;
        if (session == null) {
            return;
        }
        observer.received(1, frame.length);
        session.onPacket(this, PacketCodec.decodeFrame(frame));
    }

    /** Tells the session this transport is gone, once, whatever else reports it later. */
    protected final void report(CloseReason reason, String detail) {
        TransportListener session = listener;
        if (session != null && reported.compareAndSet(false, true)) {
            session.onClosed(this, reason, detail);
        }
    }
}
