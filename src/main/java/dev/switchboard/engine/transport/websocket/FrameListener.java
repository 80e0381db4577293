package dev.switchboard.engine.transport.websocket;

/** What {@link FrameDecoder} makes of the bytes it reads: whole messages and control frames. */
interface FrameListener {

    void text(String message);

    void binary(byte[] message);

    void ping(byte[] payload);

    void pong(byte[] payload);

    /** A close frame; {@link CloseCode#NO_STATUS} when it had no code. */
    void close(int code, String reason);
}
