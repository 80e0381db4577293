package dev.switchboard.engine.transport;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.transport.websocket.CloseCode;
import dev.switchboard.engine.transport.websocket.FrameEncoder;
import dev.switchboard.engine.transport.websocket.WebSocketConnection;
import dev.switchboard.engine.transport.websocket.WebSocketListener;
import dev.switchboard.engine.transport.websocket.WebSocketProtocolException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One WebSocket connection of Switchboard's own ({@link WebSocketConnection}) as a transport: a text frame is a
 * packet, a binary frame a binary MESSAGE.
 * <p>
 * Threads: the container's read thread delivers frames one at a time; the session's executor calls
 * {@link #send} and {@link #close}; the connection orders the writes and never blocks either.
 */
final class WebSocketTransport extends AbstractWebSocketTransport implements WebSocketListener {
    /** A packet as one frame; kept on the packet, so a broadcast is framed once for all its recipients. */
    private static final Function<Packet, byte[]> FRAMING =
            packet -> packet.isBinary() ? FrameEncoder.binary(packet.binary()) : FrameEncoder.text(packet.frame());
    private final WebSocketConnection connection;

    WebSocketTransport(WebSocketConnection connection, EngineObserver observer) {
        super(observer);
        this.connection = connection;
    }

    @Override
    public void onText(String message) {
        deliver(message);
    }

    @Override
    public void onBinary(byte[] message) {
        deliver(message);
    }

    @Override
    public void onClosed(int code, String reason) {
        report(CloseReason.TRANSPORT_CLOSE, "websocket closed with " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    @Override
    public void onFailed(Throwable cause) {
        // a message over maxPayload is answered with close 1009 by the connection, like every protocol error
        String detail = cause instanceof WebSocketProtocolException broken && broken.code() == CloseCode.MESSAGE_TOO_BIG
                ? "message larger than maxPayload: " + cause.getMessage()
                : String.valueOf(cause.getMessage());
        report(CloseReason.TRANSPORT_ERROR, detail);
    }

    @Override
    public boolean isWritable() {
        return !connection.isClosing();
    }

    @Override
    public int send(List<Packet> packets) {
        List<byte[]> frames = new ArrayList<>(packets.size());
        long size = 0;
        for (Packet packet : packets) {
            frames.add(packet.framedBy(FRAMING));
            size += packet.length();
        }
        observer.sent(packets.size(), size);
        connection.send(frames);
        return packets.size();
    }

    @Override
    public long bufferedBytes() {
        return connection.bufferedBytes();
    }

    @Override
    public void abort(CloseReason reason) {
        CloseFrame frame = CloseFrame.closing(reason);
        connection.abort(frame.code(), frame.reason());
    }

    @Override
    public void whenGone(Runnable action) {
        connection.whenGone(action);
    }

    /** Queues the close frame behind what was sent; its code tells the client why, where a code fits. */
    @Override
    public void close(CloseReason reason) {
        CloseFrame frame = CloseFrame.closing(reason);
        connection.close(frame.code(), frame.reason());
    }

    @Override
    public void refuse(EngineError error) {
        CloseFrame frame = CloseFrame.refusing(error);
        connection.close(frame.code(), frame.reason());
    }
}
