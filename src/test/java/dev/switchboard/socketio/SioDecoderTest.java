package dev.switchboard.socketio;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SioDecoderTest {
    private final SioDecoder decoder = new SioDecoder(10);

    @Test
    void connectToMainNamespaceWithoutAuth() throws Exception {
        SioPacket packet = decoder.decode("0");
        assertEquals(SioPacketType.CONNECT, packet.type());
        assertEquals("/", packet.namespace());
        assertNull(packet.data());
        assertNull(packet.ackId());
    }

    @Test
    void connectToCustomNamespaceWithAuth() throws Exception {
        SioPacket packet = decoder.decode("0/admin,{\"token\":\"123\"}");
        assertEquals("/admin", packet.namespace());
        assertEquals("123", packet.data().asJsonObject().getString("token"));
    }

    @Test
    void namespaceWithoutTrailingComma() throws Exception {
        assertEquals("/random", decoder.decode("0/random").namespace());
        assertEquals("/chat", decoder.decode("1/chat,").namespace());
    }

    @Test
    void eventWithAckIdInNamespace() throws Exception {
        SioPacket packet = decoder.decode("2/chat,12[\"say\",\"hi\"]");
        assertEquals(SioPacketType.EVENT, packet.type());
        assertEquals(12L, packet.ackId());
        assertEquals(Json.createArrayBuilder().add("say").add("hi").build(), packet.data());
    }

    @Test
    void binaryEventWaitsForItsAttachments() throws Exception {
        assertNull(decoder.decode("52-3[\"file\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"));
        assertNull(decoder.decode(new byte[] {1}));
        SioPacket packet = decoder.decode(new byte[] {2, 3});
        assertEquals(SioPacketType.BINARY_EVENT, packet.type());
        assertEquals(3L, packet.ackId());
        assertEquals(2, packet.attachments().size());
        assertArrayEquals(new byte[] {2, 3}, packet.attachments().get(1));
        assertEquals(SioPacketType.EVENT, decoder.decode("2[\"next\"]").type(), "the decoder is ready for the next packet");
    }

    @Test
    void binaryAckWithNoAttachmentsIsCompleteAtOnce() throws Exception {
        assertEquals(SioPacketType.BINARY_ACK, decoder.decode("60-4[1]").type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "a", "2", "2{}", "2[]", "2[1]", "2[\"connect\"]", "2[\"removeListener\"]",
            "2[\"x\"", "2[\"x\"]]", "2[\"x\"] 1", "3[1]", "31{}", "4{\"message\":\"x\"}", "1{}", "0[]", "0\"token\"",
            "511-[\"x\"]", "5-[\"x\"]", "5x-[\"x\"]", "51[\"x\"]", "29007199254740992[\"x\"]", "2abc[\"x\"]"})
    void refusesMalformedPackets(String text) {
        assertThrows(MalformedSioPacketException.class, () -> new SioDecoder(10).decode(text), text);
    }

    /** Refused by the JSON-P parser with exceptions other than JsonException; still the client's malformed packet. */
    @Test
    void refusesJsonPastTheParsersLimits() {
        for (String text : new String[] {"2[\"x\"," + "[".repeat(5000) + "]".repeat(5000) + "]",
                "2[\"x\"," + "9".repeat(2000) + "]", "2[\"x\",1e99999999999]", "2[\"x\",-0.5E+4000000000]"}) {
            assertThrows(MalformedSioPacketException.class, () -> new SioDecoder(10).decode(text), text.substring(0, 20));
        }
    }

    @Test
    void refusesBinaryWithoutAPacket() {
        assertThrows(MalformedSioPacketException.class, () -> decoder.decode(new byte[] {1}));
    }

    @Test
    void refusesTextWhileAttachmentsAreAwaited() throws Exception {
        decoder.decode("51-[\"x\",{\"_placeholder\":true,\"num\":0}]");
        assertThrows(MalformedSioPacketException.class, () -> decoder.decode("2[\"y\"]"));
    }

    @Test
    void aPlaceholderThatNamesNoAttachmentMakesTheBinaryPacketIllegal() throws Exception {
        // the reference parser throws "illegal attachments" when it reconstructs such a packet
        for (String placeholder : new String[] {"{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":-1}",
                "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true}", "{\"_placeholder\":true,\"num\":1e400}",
                "[{\"deep\":{\"_placeholder\":true,\"num\":7}}]"}) {
            SioDecoder binary = new SioDecoder(10);
            assertNull(binary.decode("51-[\"x\"," + placeholder + "]"));
            assertThrows(MalformedSioPacketException.class, () -> binary.decode(new byte[] {1}), placeholder);
        }
        SioDecoder legal = new SioDecoder(10);
        assertNull(legal.decode("51-[\"x\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":false,\"num\":9}]"));
        assertEquals(1, legal.decode(new byte[] {1}).attachments().size());
        // outside a binary packet a placeholder is just an object, as in the reference parser
        assertEquals(SioPacketType.EVENT, new SioDecoder(10).decode("2[\"x\",{\"_placeholder\":true,\"num\":5}]").type());
    }

    /** Found by SioDecoderProperties: the Arabic-Indic digit three made ack id 44 into 443. */
    @Test
    void digitsOfOtherScriptsAreNotNumbers() {
        for (String text : new String[] {"3/\u0003,44\u0663[[{\"\\u0000\":{\"\\u0000\":0}}],true]", "2\u0663[\"x\"]",
                "5\u0661-[\"x\",{\"_placeholder\":true,\"num\":0}]"}) {
            assertThrows(MalformedSioPacketException.class, () -> new SioDecoder(10).decode(text), text);
        }
    }

    @Test
    void largestSafeAckIdIsAccepted() throws Exception {
        assertEquals(9007199254740991L, decoder.decode("29007199254740991[\"x\"]").ackId());
    }
}
