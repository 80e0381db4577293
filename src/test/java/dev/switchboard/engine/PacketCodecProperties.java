package dev.switchboard.engine;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link PacketCodec}: any text frame or polling payload item is a packet or a {@link MalformedPacketException},
 * and every packet the server encodes decodes to itself.
 */
class PacketCodecProperties {

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyTextFrameIsAPacketKeptAsSentOrMalformed(@ForAll("frames") String frame) {
        try {
            Packet packet = PacketCodec.decodeFrame(frame);
            assertSame(frame, packet.frame(), "a text packet keeps its wire form");
            assertEquals(frame.charAt(0), packet.type().code());
        } catch (MalformedPacketException malformed) {
            // the codec's one refusal
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyPayloadItemIsAPacketOrMalformed(@ForAll("items") String item) {
        try {
            Packet packet = PacketCodec.decodePayloadItem(item);
            assertTrue(packet.isBinary() == (item.charAt(0) == 'b'));
        } catch (MalformedPacketException malformed) {
            // the codec's one refusal
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void everyPacketDecodesFromItsPayloadItem(@ForAll("packets") Packet packet) throws Exception {
        assertEquals(packet, PacketCodec.decodePayloadItem(PacketCodec.encodePayloadItem(packet)));
        if (!packet.isBinary()) {
            assertEquals(packet, PacketCodec.decodeFrame(packet.frame()));
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void aBinaryFrameIsTheMessageItCarries(@ForAll byte[] frame) {
        Packet packet = PacketCodec.decodeFrame(frame);
        assertEquals(PacketType.MESSAGE, packet.type());
        assertArrayEquals(frame, packet.binary());
    }

    @Provide
    Arbitrary<String> frames() {
        return Mutations.ofText(packets().filter(packet -> !packet.isBinary()).map(Packet::frame));
    }

    /** Items as a polling client writes them, base64 binaries wrapped at 76 characters as the Java client does, mutated. */
    @Provide
    Arbitrary<String> items() {
        Arbitrary<String> wrapped = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                .map(bytes -> "b" + Base64.getMimeEncoder().encodeToString(bytes));
        return Mutations.ofText(Arbitraries.oneOf(packets().map(PacketCodec::encodePayloadItem), wrapped));
    }

    @Provide
    static Arbitrary<Packet> packets() {
        Arbitrary<String> data = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().ofMaxLength(100)),
                Tuple.of(1, Arbitraries.of("", "probe", "0{\"sid\":\"x\"}", "2[\"x\",1]", "451-[\"up\",{\"_placeholder\":true,\"num\":0}]")));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(PacketType.class), data).as(Packet::text),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Packet::message));
    }
}
