package dev.switchboard.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketCodecTest {

    @ParameterizedTest
    @CsvSource({"0, OPEN", "1, CLOSE", "2, PING", "3, PONG", "4, MESSAGE", "5, UPGRADE", "6, NOOP"})
    void typeDigitNamesThePacketType(char digit, PacketType type) throws Exception {
        Packet packet = PacketCodec.decodeFrame(String.valueOf(digit));

        assertEquals(type, packet.type());
        assertEquals("", packet.data());
        assertFalse(packet.isBinary());
    }

    @ParameterizedTest
    @EnumSource(PacketType.class)
    void everyTypeCarriesTheDataAfterItsDigit(PacketType type) throws Exception {
        String frame = type.code() + "probe";

        Packet packet = PacketCodec.decodeFrame(frame);

        assertEquals(type, packet.type());
        assertEquals("probe", packet.data());
        assertEquals(frame, PacketCodec.encodePayloadItem(packet));
    }

    @Test
    void textFrameKeepsUtf8DataIntact() throws Exception {
        Packet packet = PacketCodec.decodeFrame("4héllo wörld 😀 \u4e16");

        assertEquals(PacketType.MESSAGE, packet.type());
        assertEquals("héllo wörld 😀 \u4e16", packet.data());
    }

    @Test
    void binaryWebSocketFrameIsAlwaysAMessage() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};

        Packet packet = PacketCodec.decodeFrame(bytes);

        assertEquals(PacketType.MESSAGE, packet.type());
        assertTrue(packet.isBinary());
        assertArrayEquals(bytes, packet.binary());
        assertNull(packet.data());
    }

    @Test
    void binaryPayloadItemIsBFollowedByBase64() throws Exception {
        Packet packet = PacketCodec.decodePayloadItem("bAQID/w==");

        assertEquals(PacketType.MESSAGE, packet.type());
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, packet.binary());
    }

    @Test
    void binaryMessageEncodesAsBFollowedByBase64InPayloads() {
        assertEquals("bAQID/w==", PacketCodec.encodePayloadItem(Packet.message(new byte[] {1, 2, 3, (byte) 0xff})));
        assertEquals("b", PacketCodec.encodePayloadItem(Packet.message(new byte[0])));
    }

    @Test
    void emptyBinaryPayloadItemIsAnEmptyMessage() throws Exception {
        Packet packet = PacketCodec.decodePayloadItem("b");

        assertTrue(packet.isBinary());
        assertEquals(0, packet.binary().length);
    }

    @Test
    void textPayloadItemIsTheFrame() throws Exception {
        assertEquals(Packet.message("hi 😀"), PacketCodec.decodePayloadItem("4hi 😀"));
    }

    @Test
    void rejectsEmptyFrame() {
        var error = assertThrows(MalformedPacketException.class, () -> PacketCodec.decodeFrame(""));
        assertEquals("empty packet", error.getMessage());
    }

    @Test
    void rejectsEmptyPayloadItem() {
        assertThrows(MalformedPacketException.class, () -> PacketCodec.decodePayloadItem(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "9hello", "x", "/", ":", "{\"type\":4}", " 4"})
    void rejectsUnknownTypeDigit(String frame) {
        var error = assertThrows(MalformedPacketException.class, () -> PacketCodec.decodeFrame(frame));
        assertTrue(error.getMessage().startsWith("unknown packet type '" + frame.charAt(0) + "'"), error.getMessage());
    }

    @Test
    void namesAControlCharacterTypePrintably() {
        var error = assertThrows(MalformedPacketException.class, () -> PacketCodec.decodeFrame("\u0001x"));
        assertEquals("unknown packet type '\\u0001'", error.getMessage());
    }

    @Test
    void binaryMarkIsNotAPacketTypeOverWebSocketText() {
        // over WebSocket binary data travels in binary frames; "b" is only meaningful inside polling payloads
        assertThrows(MalformedPacketException.class, () -> PacketCodec.decodeFrame("bAQID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!!!!", "bAQID=", "bA===", "b-_-_", "bAQ ID"})
    void rejectsBadBase64(String item) {
        var error = assertThrows(MalformedPacketException.class, () -> PacketCodec.decodePayloadItem(item));
        assertEquals("invalid base64 in binary packet", error.getMessage());
    }

    @Test
    void wireSizeCountsUtf8BytesOfTextAndRawBytesOfBinary() {
        assertEquals(1 + 4, PacketCodec.wireSize(Packet.message("😀")));
        assertEquals(1 + 2, PacketCodec.wireSize(Packet.message("é")));
        assertEquals(1, PacketCodec.wireSize(Packet.PING));
        assertEquals(3, PacketCodec.wireSize(Packet.message(new byte[] {1, 2, 3})));
    }
}
