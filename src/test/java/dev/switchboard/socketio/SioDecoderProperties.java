package dev.switchboard.socketio;

import dev.switchboard.engine.Packet;
import dev.switchboard.fuzz.Mutations;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link SioDecoder}: any sequence of Engine.IO messages (text headers, binary attachments, in any order) is
 * packets or a {@link MalformedSioPacketException}, whatever the JSON's nesting, numbers or strings; and every event,
 * ack, connect and disconnect the server encodes decodes to itself.
 */
class SioDecoderProperties {
    private static final int MAX_ATTACHMENTS = 10;
    private static Jsonb jsonb;

    @BeforeContainer
    static void createJsonb() {
        jsonb = JsonbBuilder.create();
    }

    @AfterContainer
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    /** One Engine.IO message as the Socket.IO layer receives it: text (the data after "4") or binary. */
    record Message(String text, byte[] binary) {
        @Override
        public String toString() {
            return text != null ? "text " + escaped(text) : "binary " + java.util.HexFormat.of().formatHex(binary);
        }

        private static String escaped(String text) {
            StringBuilder out = new StringBuilder("\"");
            text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E || c == '"' || c == '\\'
                    ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            return out.append('"').toString();
        }
    }

    /**
     * Until the first refusal (after which the connection is closed): packets whose header says what the client
     * wrote. Numbers in the header are the client's ASCII digits, as the reference parser reads them.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void anyMessagesArePacketsOrMalformed(@ForAll("clientMessages") List<Message> messages) {
        SioDecoder decoder = new SioDecoder(MAX_ATTACHMENTS);
        String header = null;
        try {
            for (Message message : messages) {
                if (message.text() != null) {
                    header = message.text();
                }
                SioPacket packet = message.text() != null ? decoder.decode(message.text()) : decoder.decode(message.binary());
                if (packet != null) {
                    assertWhatTheClientWrote(packet, header);
                }
            }
        } catch (MalformedSioPacketException malformed) {
            // the decoder's one refusal
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void jsonNestedThousandsDeepIsAPacketOrMalformed(@ForAll("deepEvents") String text) {
        try {
            new SioDecoder(MAX_ATTACHMENTS).decode(text);
        } catch (MalformedSioPacketException malformed) {
            // the decoder's one refusal
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anEventTheServerEncodesDecodesToItself(@ForAll("namespaces") String namespace, @ForAll("ackIds") Long ackId,
                                                @ForAll("eventNames") String event, @ForAll("arguments") List<Object> args)
            throws Exception {
        List<Packet> packets = new SioEncoder(jsonb).event(namespace, ackId, event, args.toArray());
        List<Object> data = new ArrayList<>(args);
        data.add(0, Json.createValue(event));
        assertDecodesTo(packets, SioPacketType.EVENT, SioPacketType.BINARY_EVENT, namespace, ackId, data);
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anAckTheServerEncodesDecodesToItself(@ForAll("namespaces") String namespace, @ForAll("ackIds") Long ackId,
                                              @ForAll("arguments") List<Object> args) throws Exception {
        long id = ackId == null ? 0 : ackId;
        List<Packet> packets = new SioEncoder(jsonb).ack(namespace, id, args.toArray());
        assertDecodesTo(packets, SioPacketType.ACK, SioPacketType.BINARY_ACK, namespace, id, args);
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void connectAndDisconnectDecodeToThemselves(@ForAll("namespaces") String namespace, @ForAll String sid) throws Exception {
        SioEncoder encoder = new SioEncoder(jsonb);
        SioPacket connect = new SioDecoder(MAX_ATTACHMENTS).decode(encoder.connect(namespace, sid, sid).data());
        assertEquals(SioPacketType.CONNECT, connect.type());
        assertEquals(namespace, connect.namespace());
        assertEquals(Json.createObjectBuilder().add("sid", sid).add("pid", sid).build(), connect.data());
        SioPacket disconnect = new SioDecoder(MAX_ATTACHMENTS).decode(encoder.disconnect(namespace).data());
        assertEquals(SioPacketType.DISCONNECT, disconnect.type());
        assertEquals(namespace, disconnect.namespace());
    }

    private static void assertDecodesTo(List<Packet> packets, SioPacketType textType, SioPacketType binaryType, String namespace,
                                        Long ackId, List<Object> data) throws MalformedSioPacketException {
        List<byte[]> attachments = new ArrayList<>();
        JsonValue expected = json(data, attachments);
        SioDecoder decoder = new SioDecoder(attachments.size());
        SioPacket decoded = null;
        for (int i = 0; i < packets.size(); i++) {
            Packet packet = packets.get(i);
            decoded = packet.isBinary() ? decoder.decode(packet.binary()) : decoder.decode(packet.data());
            assertEquals(i == packets.size() - 1, decoded != null, "complete with the last attachment, not before");
        }
        assertNotNull(decoded);
        assertEquals(attachments.isEmpty() ? textType : binaryType, decoded.type());
        assertEquals(namespace, decoded.namespace());
        assertEquals(ackId, decoded.ackId());
        assertEquals(expected, decoded.data());
        assertEquals(attachments.size(), decoded.attachments().size());
        for (int i = 0; i < attachments.size(); i++) {
            assertArrayEquals(attachments.get(i), decoded.attachments().get(i));
        }
    }

    /** The JSON an argument list travels as: byte[] become placeholders numbered in order, as the encoder numbers them. */
    private static JsonValue json(Object value, List<byte[]> attachments) {
        if (value instanceof byte[] bytes) {
            attachments.add(bytes);
            return Json.createObjectBuilder().add("_placeholder", true).add("num", attachments.size() - 1).build();
        }
        if (value instanceof List<?> items) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            items.forEach(item -> array.add(json(item, attachments)));
            return array.build();
        }
        return (JsonValue) value;
    }

    private static void assertWhatTheClientWrote(SioPacket packet, String header) {
        assertTrue(packet.namespace().startsWith("/"), packet.namespace());
        if (packet.ackId() != null) {
            assertTrue(packet.ackId() >= 0 && packet.ackId() < (1L << 53), "ack id " + packet.ackId());
            assertTrue(header.contains(Long.toString(packet.ackId())), "ack id " + packet.ackId() + " is not in the header");
        }
        if (packet.type().isBinary()) {
            assertTrue(header.contains(packet.attachments().size() + "-"),
                    packet.attachments().size() + " attachments, not what the header announced");
        }
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> assertEquals(JsonValue.ValueType.STRING, packet.data().asJsonArray().get(0).getValueType());
            case ACK, BINARY_ACK -> assertEquals(JsonValue.ValueType.ARRAY, packet.data().getValueType());
            default -> {
            }
        }
    }

    /** What the server sends, as a client would send it back, mutated; with attachments now and then out of place. */
    @Provide
    Arbitrary<List<Message>> clientMessages() {
        SioEncoder encoder = new SioEncoder(jsonb);
        Arbitrary<List<Packet>> encoded = Arbitraries.oneOf(
                Combinators.combine(namespaces(), ackIds(), eventNames(), arguments())
                        .as((namespace, ackId, event, args) -> encoder.event(namespace, ackId, event, args.toArray())),
                Combinators.combine(namespaces(), ackIds(), arguments())
                        .as((namespace, ackId, args) -> encoder.ack(namespace, ackId == null ? 1 : ackId, args.toArray())),
                Combinators.combine(namespaces(), Arbitraries.strings().ofMaxLength(20))
                        .as((namespace, sid) -> List.of(encoder.connect(namespace, sid, null))));
        Arbitrary<Message> mutatedText = Mutations.ofText(encoded.map(packets -> packets.get(0).data())).map(text -> new Message(text, null));
        Arbitrary<Message> stray = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(bytes -> new Message(null, bytes));
        Arbitrary<List<Message>> whole = encoded.map(packets -> packets.stream()
                .map(packet -> packet.isBinary() ? new Message(null, packet.binary()) : new Message(packet.data(), null)).toList());
        return Arbitraries.frequencyOf(
                Tuple.of(3, whole),
                Tuple.of(6, mutatedText.list().ofMinSize(1).ofMaxSize(2)),
                Tuple.of(3, Arbitraries.oneOf(mutatedText, stray).list().ofMinSize(1).ofMaxSize(6)));
    }

    @Provide
    Arbitrary<String> deepEvents() {
        return Combinators.combine(Arbitraries.of("2[\"x\",", "2/chat,7[\"x\",", "0", "3[", "51-["), Mutations.deepNesting())
                .as((header, nested) -> header + nested + (header.endsWith("[") || header.endsWith(",") ? "]" : ""));
    }

    @Provide
    Arbitrary<String> namespaces() {
        return Arbitraries.oneOf(Arbitraries.just("/"), Arbitraries.of("/chat", "/admin", "/0", "/a-b"),
                Arbitraries.strings().ofMaxLength(12).filter(name -> name.indexOf(',') < 0).map(name -> "/" + name));
    }

    @Provide
    Arbitrary<Long> ackIds() {
        return Arbitraries.longs().between(0, (1L << 53) - 1).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> eventNames() {
        return Arbitraries.strings().ofMaxLength(20).filter(name -> !SioDecoder.RESERVED_EVENTS.contains(name));
    }

    /** Emit arguments: JSON values, byte[] (attachments), and lists of them. */
    @Provide
    Arbitrary<List<Object>> arguments() {
        Arbitrary<Object> argument = Arbitraries.frequencyOf(
                Tuple.of(6, json(3).map(value -> (Object) value)),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(bytes -> (Object) bytes)),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(16).list().ofMaxSize(3).map(list -> (Object) list)));
        return argument.list().ofMaxSize(4).filter(args -> attachmentsIn(args) <= MAX_ATTACHMENTS);
    }

    private static int attachmentsIn(List<?> values) {
        int count = 0;
        for (Object value : values) {
            count += value instanceof byte[] ? 1 : value instanceof List<?> list ? attachmentsIn(list) : 0;
        }
        return count;
    }

    /**
     * JSON values of every type, numbers from ints to exponents no double holds, up to {@code depth} deep. Built from a
     * seed rather than from jqwik's combinators: ten times faster, which the long run needs; jqwik then shrinks the
     * seed only, and the sample it reports is still the input that failed.
     */
    private static Arbitrary<JsonValue> json(int depth) {
        return Arbitraries.longs().map(seed -> json(new Random(seed), depth));
    }

    private static JsonValue json(Random random, int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 7)) {
            case 0 -> Json.createValue(text(random));
            case 1 -> Json.createValue(random.nextLong() >> random.nextInt(64));
            case 2 -> Json.createValue(random.nextBoolean() ? random.nextDouble() * 1e6 : Double.longBitsToDouble(random.nextLong()
                    & 0xFFEF_FFFF_FFFF_FFFFL)); // any finite double: an exponent of all ones is infinity or NaN
            case 3 -> Json.createValue(BigDecimal.valueOf(random.nextLong(), random.nextInt(801) - 400));
            case 4 -> JsonValue.TRUE;
            case 5 -> JsonValue.FALSE;
            case 6 -> JsonValue.NULL;
            case 7, 8 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(random, depth - 1));
                }
                yield array.build();
            }
            default -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add(text(random), json(random, depth - 1));
                }
                yield object.build();
            }
        };
    }

    /** Up to ten characters: ASCII mostly, then anything UTF-16 holds, lone surrogates and controls included. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(11); i > 0; i--) {
            text.append(random.nextInt(3) > 0 ? (char) (0x20 + random.nextInt(0x5F)) : (char) random.nextInt(0x10000));
        }
        return text.toString();
    }
}
