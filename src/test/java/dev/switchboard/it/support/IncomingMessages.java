package dev.switchboard.it.support;

import dev.switchboard.it.support.FrameSocket.Closed;
import dev.switchboard.it.support.FrameSocket.Frame;
import dev.switchboard.it.support.FrameSocket.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a {@link FrameSocket} receives, read as a correct client reads it: continuation frames joined into
 * messages, pings answered with pongs, the server's close answered with a close, and any frame RFC 6455 forbids
 * a failure. A WebSocket library does all this unseen; here each rule is written out.
 */
final class IncomingMessages {
    private static final int PONG = 0xA;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FrameSocket socket;
    /** Messages {@link #isOpen} read while it waited for its pong, to be returned first. */
    private final Deque<Message> pending = new ArrayDeque<>();
    /** The fragments of a message still arriving, and its opcode (-1 between messages). */
    private final ByteArrayOutputStream fragments = new ByteArrayOutputStream();
    private int fragmentsOpcode = -1;
    private boolean closeSent;
    /** Set once the server's close frame was read, or the connection ended without one. */
    private Closed closed;

    IncomingMessages(FrameSocket socket) {
        this.socket = socket;
    }

    /** The next whole message; fails on the close or when none has begun by {@code deadline}. */
    Message next(long deadline, Duration within) throws IOException {
        for (;;) {
            Message message = pending.isEmpty() ? read(deadline, within) : pending.poll();
            if (message == null) {
                return fail("the connection closed (" + closed + ") where a message was expected");
            }
            if (message.opcode() != PONG) {
                return message;
            }
        }
    }

    Closed awaitClose(long deadline, Duration within) throws IOException {
        pending.clear();
        while (read(deadline, within) != null) {
            // a message before the close: skipped
        }
        return closed;
    }

    Closed expectClose(long deadline, Duration within) throws IOException {
        for (Message message = pending.isEmpty() ? read(deadline, within) : pending.peek(); message != null;
                message = read(deadline, within)) {
            if (message.opcode() != PONG) {
                fail("expected the close, got " + message);
            }
        }
        return closed;
    }

    /** Section 5.5.2: a ping of ours must come back as its pong, and it does unless the connection closed first. */
    boolean isOpen(long deadline, Duration within) throws IOException {
        if (closed != null) {
            return false;
        }
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        try {
            socket.send(0x89, token, true);
        } catch (IOException gone) {
            // the close, or the end of the stream, is still there to read
        }
        for (Message message = read(deadline, within); message != null; message = read(deadline, within)) {
            if (message.opcode() != PONG) {
                pending.add(message);
            } else if (Arrays.equals(token, message.payload())) {
                return true;
            }
        }
        return false;
    }

    /** Section 7.1.2: the client starts the closing handshake with 1000. */
    void sendClose() {
        if (closed == null && !closeSent) {
            closeSent = true;
            try {
                socket.send(0x88, new byte[] {0x03, (byte) 0xE8}, true);
            } catch (IOException gone) {
                // the server's close, or the end of the stream, is still there to read
            }
        }
    }

    /**
     * The next whole message or pong, answering a ping with its pong; null once the server's close is read and
     * answered, or the connection ended without one (then the close is 1006, section 7.1.5).
     */
    private Message read(long deadline, Duration within) throws IOException {
        while (closed == null) {
            Frame frame = socket.next(deadline, within);
            if (frame == null) {
                closed = new Closed(1006, "");
                return null;
            }
            int opcode = frame.opcode();
            if (opcode >= 0x8 && (!frame.fin() || frame.payload().length > 125)) {
                fail("a control frame fragmented or longer than 125 bytes (RFC 6455 section 5.5): opcode " + opcode);
            }
            switch (opcode) {
                case 0x8 -> answer(frame);
                case 0x9 -> socket.send(0x8A, frame.payload(), true); // section 5.5.2: a pong with the ping's payload
                case PONG -> {
                    return new Message(opcode, frame.payload());
                }
                case 0x0, 0x1, 0x2 -> {
                    Message whole = join(frame);
                    if (whole != null) {
                        return whole;
                    }
                }
                default -> fail("reserved opcode " + opcode + " (RFC 6455 section 5.2)");
            }
        }
        return null;
    }

    /** Section 5.4: a message is one data frame, then continuation frames (opcode 0) up to the one with FIN. */
    private Message join(Frame frame) {
        boolean continuation = frame.opcode() == 0x0;
        if (continuation != fragmentsOpcode >= 0) {
            fail("opcode " + frame.opcode() + (continuation ? " starting a message" : " inside a fragmented message"));
        }
        if (!continuation) {
            fragmentsOpcode = frame.opcode();
        }
        fragments.writeBytes(frame.payload());
        if (!frame.fin()) {
            return null;
        }
        Message message = new Message(fragmentsOpcode, fragments.toByteArray());
        fragments.reset();
        fragmentsOpcode = -1;
        return message;
    }

    /** Section 5.5.1: who receives a close sends one back, echoing the code, unless it sent one already. */
    private void answer(Frame close) {
        if (close.payload().length == 1) {
            fail("a close frame with a one-byte body (RFC 6455 section 5.5.1)");
        }
        closed = close.closeCode() < 0 ? new Closed(1005, "") : new Closed(close.closeCode(), close.closeReason());
        if (!closeSent) {
            closeSent = true;
            try {
                socket.send(0x88, Arrays.copyOf(close.payload(), Math.min(2, close.payload().length)), true);
            } catch (IOException alreadyGone) {
                // the server dropped the TCP connection right after its close frame: nothing left to answer
            }
        }
    }
}
