package dev.switchboard.engine.transport.websocket;

import dev.switchboard.it.support.FrameSocket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Frames as a client sends them (masked), and a recorder of what a decoder made of them. */
final class ClientFrames {
    private ClientFrames() {
    }

    static byte[] text(String message) {
        return frame(0x81, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame with the given first byte (FIN, RSV, opcode), masked with a random key as a client's are. */
    static byte[] frame(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true);
    }

    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        return FrameSocket.frame(firstByte, payload, masked);
    }

    /** A frame masked with the given four bytes, for a test that must build the same bytes again. */
    static byte[] frame(int firstByte, byte[] payload, byte[] mask) {
        return FrameSocket.frame(firstByte, payload, mask);
    }

    /** A server's frame as a client sends it: the header as the server wrote it, with the mask bit, then the mask. */
    static byte[] masked(byte[] serverFrame, byte[] mask) {
        int headerLength = switch (serverFrame[1] & 0x7F) {
            case 126 -> 4;
            case 127 -> 10;
            default -> 2;
        };
        byte[] frame = new byte[serverFrame.length + 4];
        System.arraycopy(serverFrame, 0, frame, 0, headerLength);
        frame[1] |= (byte) 0x80;
        System.arraycopy(mask, 0, frame, headerLength, 4);
        for (int i = headerLength; i < serverFrame.length; i++) {
            frame[i + 4] = (byte) (serverFrame[i] ^ mask[(i - headerLength) % 4]);
        }
        return frame;
    }

    static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[2 + text.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(text, 0, body, 2, text.length);
        return frame(0x88, body);
    }

    static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** Everything a decoder reported, as readable lines: "text hello", "binary 3", "ping 2", "close 1000 bye". */
    static final class Recorder implements FrameListener {
        final List<String> events = new ArrayList<>();
        final List<byte[]> binaries = new ArrayList<>();

        @Override
        public void text(String message) {
            events.add("text " + message);
        }

        @Override
        public void binary(byte[] message) {
            binaries.add(message);
            events.add("binary " + message.length);
        }

        @Override
        public void ping(byte[] payload) {
            events.add("ping " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void pong(byte[] payload) {
            events.add("pong " + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void close(int code, String reason) {
            events.add("close " + code + (reason.isEmpty() ? "" : " " + reason));
        }
    }

    /**
     * Serves bytes at most {@code chunk} per read, and says "not ready" after each read, as a network would. Given
     * several chunk sizes, the reads take them in turn, for boundaries anywhere in a frame.
     */
    static final class ChunkedInput implements FrameDecoder.Input {
        private final byte[] data;
        private final int[] chunks;
        private int position;
        private int reads;
        private boolean readSinceReady;

        ChunkedInput(byte[] data, int... chunks) {
            this.data = data;
            this.chunks = chunks;
        }

        @Override
        public boolean isReady() {
            if (readSinceReady) {
                readSinceReady = false;
                return false; // one read per "data available" event
            }
            return true;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length <= 0) {
                throw new AssertionError("a read of " + length + " bytes: the decoder would never get further");
            }
            readSinceReady = true;
            if (position == data.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunks[reads++ % chunks.length]), data.length - position);
            System.arraycopy(data, position, into, offset, n);
            position += n;
            return n;
        }

        boolean exhausted() {
            return position == data.length;
        }

        /** How many bytes the decoder has been given so far. */
        int position() {
            return position;
        }

        /** How many reads the decoder made. */
        int reads() {
            return reads;
        }
    }
}
