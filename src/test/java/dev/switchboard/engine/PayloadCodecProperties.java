package dev.switchboard.engine;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fuzzes {@link PayloadCodec}: any polling POST body, valid UTF-8 or not, is a list of packets or a
 * {@link MalformedPacketException}, and every list of packets the server sends decodes to itself.
 */
class PayloadCodecProperties {

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyPostBodyIsPacketsOrMalformed(@ForAll("postBodies") byte[] body) {
        // as PollingTransport reads a POST: bytes as UTF-8, what is not UTF-8 replaced
        String payload = new String(body, StandardCharsets.UTF_8);
        try {
            List<Packet> packets = PayloadCodec.decode(payload);
            assertFalse(packets.isEmpty());
        } catch (MalformedPacketException malformed) {
            // the codec's one refusal
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyPayloadTextIsPacketsOrMalformed(@ForAll("payloads") String payload) {
        try {
            PayloadCodec.decode(payload);
        } catch (MalformedPacketException malformed) {
            // the codec's one refusal
        }
    }

    /**
     * Round trip for packets without a record separator in their text: Engine.IO v4 does not escape it (neither does
     * the reference server), and Socket.IO never puts one there, as JSON escapes every control character.
     */
    @Property(generation = GenerationMode.RANDOMIZED)
    void everyListOfPacketsDecodesFromItsPayload(@ForAll("packetLists") List<Packet> packets) throws Exception {
        assertEquals(packets, PayloadCodec.decode(PayloadCodec.encode(packets)));
    }

    @Provide
    Arbitrary<List<Packet>> packetLists() {
        return PacketCodecProperties.packets()
                .filter(packet -> packet.isBinary() || packet.frame().indexOf(PayloadCodec.SEPARATOR) < 0)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> payloads() {
        return Mutations.ofText(packetLists().map(PayloadCodec::encode));
    }

    @Provide
    Arbitrary<byte[]> postBodies() {
        return Arbitraries.oneOf(
                Mutations.of(packetLists().map(packets -> PayloadCodec.encode(packets).getBytes(StandardCharsets.UTF_8))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100));
    }
}
