package dev.switchboard.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PayloadCodecTest {
    private static final String RS = "\u001e";

    @Test
    void singlePacketPayloadIsTheFrameWithoutSeparator() throws Exception {
        assertEquals("2", PayloadCodec.encode(List.of(Packet.PING)));
        assertEquals(List.of(Packet.PING), PayloadCodec.decode("2"));
    }

    @Test
    void packetsAreSeparatedByRecordSeparator() {
        String payload = PayloadCodec.encode(List.of(Packet.PING, Packet.message("hello"), Packet.CLOSE));

        assertEquals("2" + RS + "4hello" + RS + "1", payload);
    }

    @Test
    void decodesEveryPacketOfAPayloadInOrder() throws Exception {
        List<Packet> packets = PayloadCodec.decode("6" + RS + "3" + RS + "4hello" + RS + "1");

        assertEquals(List.of(Packet.NOOP, Packet.of(PacketType.PONG), Packet.message("hello"), Packet.CLOSE), packets);
    }

    @Test
    void binaryPacketsTravelAsBase64BesideTextOnes() throws Exception {
        String payload = PayloadCodec.encode(List.of(Packet.message("51-[\"up\",{\"_placeholder\":true,\"num\":0}]"),
                Packet.message(new byte[] {1, 2, 3, 4})));

        assertEquals("451-[\"up\",{\"_placeholder\":true,\"num\":0}]" + RS + "bAQIDBA==", payload);
        List<Packet> decoded = PayloadCodec.decode(payload);
        assertEquals(2, decoded.size());
        assertEquals("51-[\"up\",{\"_placeholder\":true,\"num\":0}]", decoded.get(0).data());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, decoded.get(1).binary());
    }

    @Test
    void utf8AndEmojiSurviveARoundTrip() throws Exception {
        List<Packet> packets = List.of(Packet.message("€ 😀 \u4e16\u754c"), Packet.message("naïve"));

        assertEquals(packets, PayloadCodec.decode(PayloadCodec.encode(packets)));
    }

    @Test
    void aPollCarriesAsManyPacketsAsFitInTheLimitAndAtLeastOne() {
        Packet tenChars = Packet.message("123456789"); // "4" and nine digits
        List<Packet> three = List.of(tenChars, tenChars, tenChars);
        assertEquals(3, PayloadCodec.countFitting(three, 32), "10 + 1 + 10 + 1 + 10 = 32 bytes");
        assertEquals(2, PayloadCodec.countFitting(three, 31));
        assertEquals(1, PayloadCodec.countFitting(three, 5), "one packet goes out even when it alone is longer");
        // a binary packet travels as "b" and base64: 3 bytes are "b" and 4 characters
        assertEquals(1, PayloadCodec.countFitting(List.of(Packet.message(new byte[3]), tenChars), 15));
        assertEquals(2, PayloadCodec.countFitting(List.of(Packet.message(new byte[3]), tenChars), 16));
    }

        @Test
    void rejectsEmptyPayload() {
        var error = assertThrows(MalformedPacketException.class, () -> PayloadCodec.decode(""));
        assertEquals("empty payload", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2" + RS + RS + "3", "2" + RS, RS + "2", RS})
    void rejectsEmptyItem(String payload) {
        assertThrows(MalformedPacketException.class, () -> PayloadCodec.decode(payload));
    }

    @Test
    void rejectsPayloadWithAnUnknownTypeAnywhere() {
        assertThrows(MalformedPacketException.class, () -> PayloadCodec.decode("2" + RS + "4ok" + RS + "9"));
    }

    @Test
    void rejectsPayloadWithBadBase64AnywhereInIt() {
        assertThrows(MalformedPacketException.class, () -> PayloadCodec.decode("3" + RS + "b@@@@"));
    }
}
