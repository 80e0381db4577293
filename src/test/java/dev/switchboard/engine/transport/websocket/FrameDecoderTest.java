package dev.switchboard.engine.transport.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.switchboard.engine.transport.websocket.ClientFrames.close;
import static dev.switchboard.engine.transport.websocket.ClientFrames.concat;
import static dev.switchboard.engine.transport.websocket.ClientFrames.frame;
import static dev.switchboard.engine.transport.websocket.ClientFrames.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {
    private static final int MAX = 100_000;

    /** Feeds {@code bytes} {@code chunk} at a time, as many read events as it takes; returns the events. */
    private static List<String> decode(byte[] bytes, int chunk) throws Exception {
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        FrameDecoder decoder = new FrameDecoder(MAX);
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(bytes, chunk);
        while (!input.exhausted()) {
            assertTrue(decoder.readFrom(input, recorder));
        }
        return recorder.events;
    }

    private static WebSocketProtocolException refusal(byte[] bytes) {
        return assertThrows(WebSocketProtocolException.class, () -> decode(bytes, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 1 << 20})
    void decodesMessagesWhateverTheReadBoundaries(int chunk) throws Exception {
        byte[] stream = concat(text("hello"), text("4{\"a\":\"ü€😀\"}"), frame(0x82, new byte[]{1, 2, 3}), text(""));
        assertEquals(List.of("text hello", "text 4{\"a\":\"ü€😀\"}", "binary 3", "text "), decode(stream, chunk));
    }

    @ParameterizedTest
    @ValueSource(ints = {125, 126, 127, 65535, 65536, MAX})
    void readsEachPayloadLengthEncoding(int length) throws Exception {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        List<String> events = decode(frame(0x81, payload), 4096);
        assertEquals(List.of("text " + "x".repeat(length)), events);
    }

    @Test
    void smallFramesThatArriveTogetherAreTakenInOneRead() throws Exception {
        // each read used to take one part of a frame: the 2-byte header, the masking key, the payload
        byte[] stream = concat(text("2"), text("42[\"echo\",{\"n\":1}]"), frame(0x89, "p".getBytes(StandardCharsets.US_ASCII)));
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(stream, stream.length);
        assertTrue(new FrameDecoder(MAX).readFrom(input, recorder));
        assertEquals(List.of("text 2", "text 42[\"echo\",{\"n\":1}]", "ping p"), recorder.events);
        assertEquals(1, input.reads());
    }

    @Test
    void aLargePayloadIsReadIntoItsOwnArrayAfterTheReadAhead() throws Exception {
        byte[] payload = new byte[10_000];
        Arrays.fill(payload, (byte) 'y');
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        FrameDecoder decoder = new FrameDecoder(MAX);
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(frame(0x81, payload), 1 << 20);
        while (!input.exhausted()) {
            assertTrue(decoder.readFrom(input, recorder));
        }
        assertEquals(List.of("text " + "y".repeat(10_000)), recorder.events);
        assertEquals(3, input.reads(), "the read-ahead, then the rest of the first 8 KB, then the array grown to the rest");
    }

    @Test
    void aHeaderAnnouncingAMegabyteHoldsOnlyWhatArrived() throws Exception {
        FrameDecoder decoder = new FrameDecoder(2_000_000);
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        byte[] whole = frame(0x82, new byte[1_000_000]);
        // the 14-byte header and 100 bytes of payload, then silence
        ClientFrames.ChunkedInput start = new ClientFrames.ChunkedInput(Arrays.copyOf(whole, 114), 114);
        while (!start.exhausted()) {
            decoder.readFrom(start, recorder);
        }
        assertTrue(decoder.heldBytes() <= FrameDecoder.FIRST_CHUNK, "held " + decoder.heldBytes() + " bytes");
        ClientFrames.ChunkedInput rest = new ClientFrames.ChunkedInput(Arrays.copyOfRange(whole, 114, whole.length), 65536);
        while (!rest.exhausted()) {
            decoder.readFrom(rest, recorder);
        }
        assertEquals(List.of("binary 1000000"), recorder.events, "the array grew with the bytes, to the whole message");
    }

        @Test
    void unmasksEveryByteOfALongPayload() throws Exception {
        byte[] payload = new byte[1029];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        FrameDecoder decoder = new FrameDecoder(MAX);
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(frame(0x82, payload), 1 << 20);
        while (!input.exhausted()) {
            decoder.readFrom(input, recorder);
        }
        assertArrayEquals(payload, recorder.binaries.get(0));
    }

    @Test
    void assemblesFragmentsWithControlFramesBetweenThem() throws Exception {
        byte[] stream = concat(
                frame(0x01, "4hel".getBytes(StandardCharsets.UTF_8)),
                frame(0x89, "p".getBytes(StandardCharsets.UTF_8)),
                frame(0x00, "lo wo".getBytes(StandardCharsets.UTF_8)),
                frame(0x8A, "q".getBytes(StandardCharsets.UTF_8)),
                frame(0x80, "rld".getBytes(StandardCharsets.UTF_8)),
                text("next"));
        assertEquals(List.of("ping p", "pong q", "text 4hello world", "text next"), decode(stream, 5));
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsStillValid() throws Exception {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] stream = concat(frame(0x01, new byte[]{euro[0]}), frame(0x80, new byte[]{euro[1], euro[2]}));
        assertEquals(List.of("text €"), decode(stream, 64));
    }

    @Test
    void readsCloseFramesWithAndWithoutACode() throws Exception {
        assertEquals(List.of("close 1000 bye"), decode(close(1000, "bye"), 1));
        assertEquals(List.of("close 4001"), decode(close(4001, ""), 64));
        assertEquals(List.of("close " + CloseCode.NO_STATUS), decode(frame(0x88, new byte[0]), 64));
    }

    @Test
    void reportsTheEndOfTheStream() throws Exception {
        FrameDecoder decoder = new FrameDecoder(MAX);
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(text("a"), 64);
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        while (!input.exhausted()) {
            assertTrue(decoder.readFrom(input, recorder));
        }
        assertEquals(List.of("text a"), recorder.events);
        assertFalse(decoder.readFrom(input, recorder));
    }

    @Test
    void refusesAnUnmaskedClientFrame() {
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x81, "hi".getBytes(), false)).code());
    }

    @Test
    void refusesReservedBitsAndOpcodes() {
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0xC1, "hi".getBytes())).code()); // RSV1, no deflate
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x83, new byte[0])).code());
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x8B, new byte[0])).code());
    }

    @Test
    void refusesFragmentedOrOversizedControlFrames() {
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x09, new byte[0])).code());
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x89, new byte[126])).code());
    }

    @Test
    void refusesContinuationsOutOfSequence() {
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x80, "x".getBytes())).code());
        assertEquals(CloseCode.PROTOCOL_ERROR,
                refusal(concat(frame(0x01, "x".getBytes()), text("new message"))).code());
    }

    @Test
    void refusesAMessageOverTheLimitBeforeReadingItsPayload() throws Exception {
        byte[] header = Arrays.copyOf(frame(0x81, new byte[MAX + 1]), 14); // the header alone, no payload
        WebSocketProtocolException tooBig = refusal(header);
        assertEquals(CloseCode.MESSAGE_TOO_BIG, tooBig.code());
        // and a fragmented one, once its fragments add up past it
        byte[] half = new byte[MAX / 2 + 1];
        assertEquals(CloseCode.MESSAGE_TOO_BIG, refusal(concat(frame(0x01, half), frame(0x80, half))).code());
        assertEquals(List.of("text " + "a".repeat(MAX)), decode(text("a".repeat(MAX)), 8192));
    }

    /**
     * Found by FrameDecoderProperties: the fragment's byte plus 2^63 - 1 overflowed to a negative total that passed the
     * limit, and the payload's array got a negative size.
     */
    @Test
    void refusesAContinuationWhoseLengthWouldOverflowTheMessageTotal() {
        byte[] firstFragment = {0x02, (byte) (0x80 | 1), 0, 0, 0, 0, 1};
        byte[] continuation = {(byte) 0x80, (byte) (0x80 | 127), 0x7F, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0};
        assertEquals(CloseCode.MESSAGE_TOO_BIG, refusal(concat(firstFragment, continuation)).code());
    }

    @Test
    void refusesTextThatIsNotUtf8() {
        assertEquals(CloseCode.INVALID_PAYLOAD, refusal(frame(0x81, new byte[]{'4', (byte) 0xC3})).code());
        assertEquals(CloseCode.INVALID_PAYLOAD, refusal(frame(0x81, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80})).code());
        assertEquals(CloseCode.INVALID_PAYLOAD, refusal(frame(0x88, new byte[]{0x03, (byte) 0xE8, (byte) 0xFF})).code());
    }

    @Test
    void refusesCloseFramesWithInvalidCodes() {
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(frame(0x88, new byte[]{0x03})).code());
        for (int code : new int[]{999, 1004, 1005, 1006, 1015, 2999, 5000}) {
            assertEquals(CloseCode.PROTOCOL_ERROR, refusal(close(code, "")).code(), "code " + code);
        }
    }

    @Test
    void refusesA64BitLengthWithItsTopBitSet() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        assertEquals(CloseCode.PROTOCOL_ERROR, refusal(header).code());
    }
}
