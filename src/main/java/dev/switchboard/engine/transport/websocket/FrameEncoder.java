package dev.switchboard.engine.transport.websocket;

import java.nio.charset.StandardCharsets;

/**
 * Server frames (RFC 6455 section 5.2): unfragmented, unmasked (only clients mask), header and payload in one
 * array so that a frame is one write. Stateless.
 */
public final class FrameEncoder {
    /** Section 5.5: a control frame's payload, close code included, is at most 125 bytes. */
    private static final int MAX_CLOSE_REASON = 123;

    private FrameEncoder() {
    }

    /** A text frame; {@code utf8} is the message in UTF-8. */
    public static byte[] text(byte[] utf8) {
        return frame(Opcode.TEXT, utf8, 0, utf8.length);
    }

    public static byte[] text(String message) {
        return text(message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] binary(byte[] message) {
        return frame(Opcode.BINARY, message, 0, message.length);
    }

    static byte[] pong(byte[] pingPayload) {
        return frame(Opcode.PONG, pingPayload, 0, pingPayload.length);
    }

    /** A close frame without a code: the answer to one that had none. */
    static byte[] close() {
        return frame(Opcode.CLOSE, new byte[0], 0, 0);
    }

    /** A close frame with a code and a reason, the reason cut at a character boundary to fit 123 bytes. */
    public static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_CLOSE_REASON);
        while (length < text.length && (text[length] & 0xC0) == 0x80) {
            length--; // do not cut a multi-byte character in two
        }
        byte[] body = new byte[2 + length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, length);
        return frame(Opcode.CLOSE, body, 0, body.length);
    }

    static byte[] frame(Opcode opcode, byte[] payload, int offset, int length) {
        int headerLength = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) (0x80 | opcode.wire()); // FIN: never fragmented
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, offset, frame, headerLength, length);
        return frame;
    }
}
