package dev.switchboard.engine.transport.websocket;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link FrameDecoder}: whatever bytes a client sends, in whatever pieces the network cuts them, the decoder
 * hands over messages or throws {@link WebSocketProtocolException}, gets further with every read, and holds memory
 * for the bytes that arrived, never for the lengths their headers announce.
 */
class FrameDecoderProperties {
    private static final int MAX = 100_000;
    /** The characters of long texts: ASCII and each UTF-8 length, for cuts inside a character. */
    private static final int[] ALPHABET = "abc 4[]{}\"é€😀\u0000".codePoints().toArray();

    /** A client's frames and what the decoder must make of them, in the {@link ClientFrames.Recorder}'s words. */
    record Conversation(byte[] wire, List<String> events, List<byte[]> binaries) {
        @Override
        public String toString() {
            return "Conversation[" + HexFormat.of().formatHex(wire) + "]";
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void validFramesDecodeToTheirMessagesWhateverTheReadBoundaries(@ForAll("conversations") Conversation conversation,
                                                                   @ForAll("chunkings") int[] chunks) throws Exception {
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        feed(new FrameDecoder(MAX), conversation.wire(), chunks, recorder);
        assertEquals(conversation.events(), recorder.events);
        assertEquals(conversation.binaries().size(), recorder.binaries.size());
        for (int i = 0; i < recorder.binaries.size(); i++) {
            assertArrayEquals(conversation.binaries().get(i), recorder.binaries.get(i));
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyBytesAreMessagesOrAProtocolError(@ForAll("clientBytes") byte[] stream, @ForAll("chunkings") int[] chunks,
                                             @ForAll("messageLimits") int maxMessageSize) throws Exception {
        try {
            feed(new FrameDecoder(maxMessageSize), stream, chunks, new ClientFrames.Recorder());
        } catch (WebSocketProtocolException refused) {
            // the one way a decoder refuses; feed() checked progress and memory up to here
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void aServerFrameMaskedAsAClientWouldDecodesToWhatWasEncoded(@ForAll("serverFrames") Tuple.Tuple2<byte[], String> encoded,
                                                                 @ForAll byte[] maskSeed, @ForAll("chunkings") int[] chunks)
            throws Exception {
        byte[] mask = Arrays.copyOf(maskSeed, 4);
        ClientFrames.Recorder recorder = new ClientFrames.Recorder();
        feed(new FrameDecoder(MAX), ClientFrames.masked(encoded.get1(), mask), chunks, recorder);
        assertEquals(List.of(encoded.get2()), recorder.events);
    }

    /**
     * A header announcing up to 2^63 bytes, then a few: the decoder allocates for the few. Measured as the bytes
     * this thread allocates while decoding (HotSpot's per-thread counter), against a bound far below what any
     * announced length here would cost.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void aLengthHeaderCostsTheBytesThatArriveNotTheLengthItAnnounces(@ForAll("announcedLengths") long announced,
                                                                    @ForAll boolean asContinuation,
                                                                    @ForAll("fewBytes") byte[] arriving,
                                                                    @ForAll("chunkings") int[] chunks) throws Exception {
        byte[] stream = ClientFrames.concat(asContinuation ? ClientFrames.frame(0x02, new byte[] {1}, new byte[4]) : new byte[0],
                header(asContinuation ? 0x80 : 0x82, announced), arriving);
        FrameDecoder decoder = new FrameDecoder(Integer.MAX_VALUE);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            feed(decoder, stream, chunks, new ClientFrames.Recorder());
            // the first chunk of the announced payload, and the one byte of the first fragment when there is one
            int bound = FrameDecoder.FIRST_CHUNK + (asContinuation ? 1 : 0);
            assertTrue(decoder.heldBytes() <= bound, "held " + decoder.heldBytes() + " bytes");
        } catch (WebSocketProtocolException refused) {
            // lengths past Integer.MAX_VALUE are too big, and those with the top bit set are not lengths at all
            long room = Integer.MAX_VALUE - (asContinuation ? 1 : 0);
            assertTrue(announced < 0 || announced > room, "refused " + announced + ": " + refused.getMessage());
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for " + stream.length + " received");
    }

    /**
     * Feeds {@code stream} through a {@link ClientFrames.ChunkedInput} to the end, checking after every read event
     * that the decoder asked for at least a byte (the input asserts it), so that it ends; and that what it holds is
     * bounded by what it received: the first chunk of a payload, then at most twice the bytes that arrived.
     */
    private static void feed(FrameDecoder decoder, byte[] stream, int[] chunks, ClientFrames.Recorder recorder) throws Exception {
        ClientFrames.ChunkedInput input = new ClientFrames.ChunkedInput(stream, chunks);
        int events = 0;
        while (decoder.readFrom(input, recorder)) {
            assertTrue(++events <= 2 * stream.length + 2, "read events without progress");
            long bound = FrameDecoder.FIRST_CHUNK + 2L * input.position();
            assertTrue(decoder.heldBytes() <= bound, "held " + decoder.heldBytes() + " bytes after " + input.position() + " arrived");
        }
    }

    /** A masked frame header announcing {@code length} in the 64-bit form (the 16-bit one for lengths that fit). */
    private static byte[] header(int firstByte, long length) {
        boolean short16 = length >= 126 && length <= 0xFFFF;
        byte[] header = new byte[short16 ? 8 : 14];
        header[0] = (byte) firstByte;
        header[1] = (byte) (0x80 | (short16 ? 126 : 127));
        int lengthBytes = short16 ? 2 : 8;
        for (int i = 0; i < lengthBytes; i++) {
            header[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
        }
        return header; // a zero masking key: the payload goes as it is
    }

    @Provide
    Arbitrary<Conversation> conversations() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(texts(), seeds()).as(Step::text)),
                Tuple.of(6, Combinators.combine(payloads(), seeds()).as(Step::binary)),
                Tuple.of(2, Combinators.combine(controlPayloads(), seeds()).as((p, r) -> Step.control(0x89, "ping", p, r))),
                Tuple.of(2, Combinators.combine(controlPayloads(), seeds()).as((p, r) -> Step.control(0x8A, "pong", p, r))),
                Tuple.of(1, Combinators.combine(closeCodes(), closeReasons(), seeds()).as(Step::close)));
        return step.list().ofMaxSize(6).map(steps -> {
            List<byte[]> wire = new ArrayList<>();
            List<String> events = new ArrayList<>();
            List<byte[]> binaries = new ArrayList<>();
            for (Step s : steps) {
                wire.addAll(s.frames);
                events.addAll(s.events);
                binaries.addAll(s.binaries);
            }
            return new Conversation(ClientFrames.concat(wire.toArray(byte[][]::new)), events, binaries);
        });
    }

    /** Frames almost as a client sends them, mutated, and now and then bytes with no structure at all. */
    @Provide
    Arbitrary<byte[]> clientBytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Mutations.of(conversations().map(Conversation::wire))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)));
    }

    @Provide
    Arbitrary<int[]> chunkings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, 16)),
                Tuple.of(2, Arbitraries.integers().between(17, 1024)),
                Tuple.of(1, Arbitraries.just(1 << 20))).array(int[].class).ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Integer> messageLimits() {
        return Arbitraries.of(0, 1, 125, 126, 65_536, MAX);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<byte[], String>> serverFrames() {
        return Arbitraries.oneOf(
                texts().map(text -> Tuple.of(FrameEncoder.text(text), "text " + text)),
                payloads().map(payload -> Tuple.of(FrameEncoder.binary(payload), "binary " + payload.length)),
                controlPayloads().map(payload -> Tuple.of(FrameEncoder.pong(payload),
                        "pong " + new String(payload, StandardCharsets.UTF_8))),
                Combinators.combine(closeCodes(), closeReasons()).as((code, reason) -> {
                    byte[] frame = FrameEncoder.close(code, reason);
                    // the encoder cuts a long reason at a character boundary to fit the control frame
                    String sent = new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8);
                    return Tuple.of(frame, "close " + code + (sent.isEmpty() ? "" : " " + sent));
                }));
    }

    @Provide
    Arbitrary<Long> announcedLengths() {
        return Arbitraries.oneOf(
                Arbitraries.of(0xFFFFL, 1L << 20, 0xFFFFL + 1, (long) Integer.MAX_VALUE, 1L << 31, 1L << 32, 1L << 53, 1L << 62,
                        Long.MAX_VALUE, Long.MIN_VALUE, -1L),
                Arbitraries.longs().between(1 << 20, Long.MAX_VALUE),
                Arbitraries.longs().between(Long.MIN_VALUE, -1));
    }

    /** Seeds, each made a Random where it is used: jqwik reports and shrinks by evaluating again, and must get the same. */
    private static Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<byte[]> fewBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(1000);
    }

    /** Text as UTF-8 carries it: what lone surrogates become on the way (replacement), not what they were. */
    private static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.strings().ofMaxLength(130)),
                Tuple.of(1, Combinators.combine(longLengths(), seeds()).as((n, seed) -> {
                    Random random = new Random(seed);
                    StringBuilder text = new StringBuilder(n);
                    while (text.length() < n) {
                        text.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
                    }
                    return text.toString();
                }))).map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    /** Payloads of every length encoding: 7-bit mostly, 16-bit and 64-bit now and then (they cost the most to feed). */
    private static Arbitrary<byte[]> payloads() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.bytes().array(byte[].class).ofMaxSize(130)),
                Tuple.of(1, Combinators.combine(longLengths(), seeds()).as((n, seed) -> {
                    Random random = new Random(seed);
                    byte[] payload = new byte[n];
                    random.nextBytes(payload);
                    return payload;
                })));
    }

    /** Lengths past 7 bits: the 16-bit form mostly, the 64-bit form (over 65,535) a quarter of the time. */
    private static Arbitrary<Integer> longLengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(126, 4096)),
                Tuple.of(1, Arbitraries.integers().between(65_536, 70_000)));
    }

    private static Arbitrary<byte[]> controlPayloads() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(125).map(s -> s.getBytes(StandardCharsets.US_ASCII));
    }

    private static Arbitrary<Integer> closeCodes() {
        return Arbitraries.oneOf(Arbitraries.of(1000, 1001, 1002, 1003), Arbitraries.integers().between(1007, 1014),
                Arbitraries.integers().between(3000, 4999));
    }

    private static Arbitrary<String> closeReasons() {
        return Arbitraries.strings().ofMaxLength(140).map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    /** One message or control frame of a conversation: its frames on the wire and the events it must cause. */
    private record Step(List<byte[]> frames, List<String> events, List<byte[]> binaries) {

        static Step text(String text, long seed) {
            return message(0x1, text.getBytes(StandardCharsets.UTF_8), "text " + text, null, new Random(seed));
        }

        static Step binary(byte[] payload, long seed) {
            return message(0x2, payload, "binary " + payload.length, payload, new Random(seed));
        }

        static Step control(int firstByte, String name, byte[] payload, long seed) {
            return new Step(List.of(ClientFrames.frame(firstByte, payload, mask(new Random(seed)))),
                    List.of(name + " " + new String(payload, StandardCharsets.US_ASCII)), List.of());
        }

        static Step close(int code, String reason, long seed) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(text.length, 123);
            while (length < text.length && (text[length] & 0xC0) == 0x80) {
                length--;
            }
            String sent = new String(text, 0, length, StandardCharsets.UTF_8);
            byte[] body = ClientFrames.concat(new byte[] {(byte) (code >>> 8), (byte) code}, Arrays.copyOf(text, length));
            return new Step(List.of(ClientFrames.frame(0x88, body, mask(new Random(seed)))),
                    List.of("close " + code + (sent.isEmpty() ? "" : " " + sent)), List.of());
        }

        /** A message in one frame, or cut anywhere (inside a character too) into fragments, with pings and pongs between. */
        private static Step message(int opcode, byte[] payload, String event, byte[] binary, Random random) {
            int fragments = random.nextInt(3) == 0 ? 2 + random.nextInt(4) : 1;
            int[] cuts = new int[fragments + 1];
            cuts[fragments] = payload.length;
            for (int i = 1; i < fragments; i++) {
                cuts[i] = random.nextInt(payload.length + 1);
            }
            Arrays.sort(cuts, 1, fragments);
            List<byte[]> frames = new ArrayList<>();
            List<String> events = new ArrayList<>();
            for (int i = 0; i < fragments; i++) {
                int firstByte = (i == fragments - 1 ? 0x80 : 0) | (i == 0 ? opcode : 0);
                frames.add(ClientFrames.frame(firstByte, Arrays.copyOfRange(payload, cuts[i], cuts[i + 1]), mask(random)));
                if (i < fragments - 1 && random.nextBoolean()) {
                    String data = Integer.toString(random.nextInt(1000));
                    boolean ping = random.nextBoolean();
                    frames.add(ClientFrames.frame(ping ? 0x89 : 0x8A, data.getBytes(StandardCharsets.US_ASCII), mask(random)));
                    events.add((ping ? "ping " : "pong ") + data);
                }
            }
            events.add(event);
            return new Step(frames, events, binary == null ? List.of() : List.of(binary));
        }

        private static byte[] mask(Random random) {
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            return mask;
        }
    }
}
