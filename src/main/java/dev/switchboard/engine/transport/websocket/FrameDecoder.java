package dev.switchboard.engine.transport.websocket;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads client frames (RFC 6455 section 5) from the connection's input and hands whole messages and control frames
 * to a {@link FrameListener}. Small frames arrive through a {@value #READ_AHEAD}-byte read-ahead, so a read from the
 * container takes in a whole small frame, or several, where reading a header's parts and the payload apart cost
 * three reads of the container's stream per frame; the rest of a larger payload is read straight into its array.
 * It holds one partly read frame and one partly assembled fragmented message between reads, nothing more: an idle
 * connection costs the read-ahead and a 14-byte header array. A payload's array grows with the bytes that actually
 * arrive, never to the length a header announces: a header that promises a megabyte and is followed by silence
 * holds {@value #FIRST_CHUNK} bytes, not a megabyte.
 * <p>
 * Threads: only the connection's reader touches it; the container calls that one read event at a time.
 */
final class FrameDecoder {
    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_CONTROL_PAYLOAD = 125;
    /** The most a payload's array holds before its bytes arrive; it then doubles as they do, up to the length. */
    static final int FIRST_CHUNK = 8192;
    /**
     * The read-ahead's size: a Socket.IO event of tens of bytes and its header fit, and an idle connection's cost
     * stays small. A payload with at least this much still to come is read into its own array instead.
     */
    static final int READ_AHEAD = 128;
    /** Network byte order longs in a byte array: the 64-bit length, and masking eight bytes at a time. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Where the decoder reads from: the upgraded connection's input stream, in non-blocking mode. */
    interface Input {
        /** Whether a read will not block; when false, the caller is called again once data arrives. */
        boolean isReady();

        /** Reads at least one byte, or returns -1 at the end of the stream. */
        int read(byte[] into, int offset, int length) throws IOException;
    }

    private final int maxMessageSize;
    /** The frame header being read: 2 bytes, up to 8 of extended length, 4 of masking key. */
    private final byte[] header = new byte[14];
    /** What the last read brought, decoded before the next read: headers, small payloads, the start of large ones. */
    private final byte[] readAhead = new byte[READ_AHEAD];
    private int headerRead;
    private int headerLength = 2;
    private Opcode opcode;
    private boolean fin;
    private int maskingKey;
    /** The frame payload being read, once the header is complete; null while reading a header. */
    private byte[] payload;
    private int payloadRead;
    /** The payload's length as the header gave it; {@link #payload} is at most this long. */
    private int payloadLength;
    /** The fragmented message being assembled: its opcode (null when none) and the fragments so far. */
    private Opcode messageOpcode;
    private byte[] message = EMPTY;
    private int messageLength;

    FrameDecoder(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Reads and decodes while the input has data ready.
     *
     * @return false at the end of the stream
     * @throws WebSocketProtocolException the peer broke the protocol; nothing more may be read
     */
    boolean readFrom(Input input, FrameListener listener) throws IOException, WebSocketProtocolException {
        while (input.isReady()) {
            if (payload != null && payloadLength - payloadRead >= READ_AHEAD) {
                growPayloadWhenFull();
                int read = input.read(payload, payloadRead, payload.length - payloadRead);
                if (read < 0) {
                    return false;
                }
                payloadRead += read;
                if (payloadRead == payloadLength) {
                    frameRead(listener);
                }
            } else {
                int read = input.read(readAhead, 0, READ_AHEAD);
                if (read < 0) {
                    return false;
                }
                decode(read, listener);
            }
        }
        return true;
    }

    /** Decodes the first {@code length} bytes of the read-ahead: what completes a frame is handed on at once. */
    private void decode(int length, FrameListener listener) throws WebSocketProtocolException {
        int at = 0;
        while (at < length) {
            int taken;
            if (payload == null) {
                taken = Math.min(headerLength - headerRead, length - at);
                System.arraycopy(readAhead, at, header, headerRead, taken);
                headerRead += taken;
                if (headerRead == headerLength) {
                    headerRead();
                }
            } else {
                growPayloadWhenFull();
                taken = Math.min(payload.length - payloadRead, length - at);
                System.arraycopy(readAhead, at, payload, payloadRead, taken);
                payloadRead += taken;
            }
            at += taken;
            if (payload != null && payloadRead == payloadLength) {
                frameRead(listener);
            }
        }
    }

    private void growPayloadWhenFull() {
        if (payloadRead == payload.length) {
            payload = Arrays.copyOf(payload, (int) Math.min(payloadLength, 2L * payload.length));
        }
    }

    /** Bytes held for a frame or message not yet whole: what a silent peer costs. */
    int heldBytes() {
        return (payload == null ? 0 : payload.length) + message.length;
    }

        /** The header read so far is complete: either its first two bytes, which say how long it is, or all of it. */
    private void headerRead() throws WebSocketProtocolException {
        int length7 = header[1] & 0x7F;
        if (headerLength == 2) {
            int first = header[0] & 0xFF;
            if ((first & 0x70) != 0) {
                throw protocolError("reserved bits set, but no extension was negotiated");
            }
            fin = (first & 0x80) != 0;
            opcode = Opcode.fromWire(first);
            if (opcode == null) {
                throw protocolError("reserved opcode " + (first & 0x0F));
            }
            if ((header[1] & 0x80) == 0) {
                throw protocolError("a client frame must be masked");
            }
            if (opcode.isControl() && (!fin || length7 > MAX_CONTROL_PAYLOAD)) {
                throw protocolError("a control frame must be whole and at most 125 bytes");
            }
            headerLength = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + 4;
            return; // the rest of the header comes next
        }
        long length = switch (length7) {
            case 126 -> ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            case 127 -> readLong(header, 2);
            default -> length7;
        };
        if (length < 0) {
            throw protocolError("payload length with its most significant bit set");
        }
        checkSequence(length);
        int keyAt = headerLength - 4;
        maskingKey = ((header[keyAt] & 0xFF) << 24) | ((header[keyAt + 1] & 0xFF) << 16)
                | ((header[keyAt + 2] & 0xFF) << 8) | (header[keyAt + 3] & 0xFF);
        payloadLength = (int) length;
        payload = length == 0 ? EMPTY : new byte[Math.min(payloadLength, FIRST_CHUNK)];
        payloadRead = 0;
    }

    /** Fragmentation rules (section 5.4) and the message size limit, checked before any payload is read. */
    private void checkSequence(long length) throws WebSocketProtocolException {
        if (opcode.isControl()) {
            return;
        }
        if (opcode == Opcode.CONTINUATION && messageOpcode == null) {
            throw protocolError("a continuation frame without a message to continue");
        }
        if (opcode != Opcode.CONTINUATION && messageOpcode != null) {
            throw protocolError("a new message before the fragmented one ended");
        }
        long already = opcode == Opcode.CONTINUATION ? messageLength : 0;
        // not already + length > limit: a continuation may announce up to 2^63 - 1 bytes, and the sum would overflow
        // to a negative total that passed, then to a negative array size
        if (length > maxMessageSize - already) {
            throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG, "message of " + already + " + " + length
                    + (fin ? "" : "+") + " bytes, larger than " + maxMessageSize);
        }
    }

    private void frameRead(FrameListener listener) throws WebSocketProtocolException {
        byte[] data = payload;
        unmask(data, maskingKey);
        payload = null;
        headerRead = 0;
        headerLength = 2;
        switch (opcode) {
            case CLOSE -> close(data, listener);
            case PING -> listener.ping(data);
            case PONG -> listener.pong(data);
            case TEXT, BINARY -> {
                if (fin) {
                    deliver(opcode, data, data.length, listener);
                } else {
                    messageOpcode = opcode;
                    append(data);
                }
            }
            case CONTINUATION -> {
                append(data);
                if (fin) {
                    Opcode type = messageOpcode;
                    byte[] whole = message;
                    int length = messageLength;
                    messageOpcode = null;
                    message = EMPTY;
                    messageLength = 0;
                    deliver(type, whole, length, listener);
                }
            }
        }
    }

    private static void deliver(Opcode type, byte[] data, int length, FrameListener listener) throws WebSocketProtocolException {
        if (type == Opcode.TEXT) {
            listener.text(Utf8.decode(data, 0, length));
        } else {
            listener.binary(length == data.length ? data : Arrays.copyOf(data, length));
        }
    }

    private void append(byte[] fragment) {
        if (messageLength + fragment.length > message.length) {
            message = Arrays.copyOf(message, Math.max(messageLength + fragment.length, message.length * 2));
        }
        System.arraycopy(fragment, 0, message, messageLength, fragment.length);
        messageLength += fragment.length;
    }

    private static void close(byte[] data, FrameListener listener) throws WebSocketProtocolException {
        if (data.length == 0) {
            listener.close(CloseCode.NO_STATUS, "");
            return;
        }
        if (data.length == 1) {
            throw protocolError("a close frame with a one-byte body");
        }
        int code = ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
        if (!CloseCode.isValidOnWire(code)) {
            throw protocolError("close code " + code + " may not be sent");
        }
        listener.close(code, Utf8.decode(data, 2, data.length - 2));
    }

    /** Section 5.3: byte i is XORed with byte i mod 4 of the key. */
    static void unmask(byte[] data, int key) {
        int i = 0;
        for (long key8 = ((key & 0xFFFFFFFFL) << 32) | (key & 0xFFFFFFFFL); i + 8 <= data.length; i += 8) {
            writeLong(data, i, readLong(data, i) ^ key8);
        }
        for (; i < data.length; i++) {
            data[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }

    private static long readLong(byte[] bytes, int at) {
        return (long) LONG.get(bytes, at);
    }

    private static void writeLong(byte[] bytes, int at, long value) {
        LONG.set(bytes, at, value);
    }

    private static WebSocketProtocolException protocolError(String message) {
        return new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR, message);
    }
}
