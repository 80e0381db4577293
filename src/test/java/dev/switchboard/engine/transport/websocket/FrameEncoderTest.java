package dev.switchboard.engine.transport.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameEncoderTest {

    @Test
    void writesASmallTextFrameUnmaskedWithFin() {
        assertArrayEquals(new byte[]{(byte) 0x81, 5, 'H', 'e', 'l', 'l', 'o'}, FrameEncoder.text("Hello"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 200_000})
    void encodesLengthsTheWayTheRfcDoes(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 7);
        byte[] frame = FrameEncoder.binary(payload);
        assertEquals((byte) 0x82, frame[0]);
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        assertEquals(header + length, frame.length);
        long declared = switch (frame[1]) {
            case 126 -> ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            case 127 -> {
                long value = 0;
                for (int i = 2; i < 10; i++) {
                    value = (value << 8) | (frame[i] & 0xFF);
                }
                yield value;
            }
            default -> frame[1];
        };
        assertEquals(length, declared);
        assertArrayEquals(payload, Arrays.copyOfRange(frame, header, frame.length));
    }

    @Test
    void closeFrameCarriesCodeAndReason() {
        byte[] frame = FrameEncoder.close(1008, "{\"code\":4}");
        assertEquals((byte) 0x88, frame[0]);
        assertEquals(12, frame[1]);
        assertEquals(1008, ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF));
        assertEquals("{\"code\":4}", new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8));
    }

    @Test
    void closeReasonIsCutToFitAControlFrameAtACharacterBoundary() throws Exception {
        byte[] frame = FrameEncoder.close(1000, "€".repeat(60)); // 180 bytes of reason
        assertEquals(125, frame[1]); // the most a control frame may carry
        String reason = Utf8.decode(frame, 4, frame.length - 4);
        assertEquals("€".repeat(41), reason); // 41 × 3 = 123 bytes
        assertEquals(125, frame.length - 2);
    }

    @Test
    void encodesNonAsciiTextAsUtf8() throws Exception {
        byte[] frame = FrameEncoder.text("4ü😀");
        assertEquals("4ü😀", Utf8.decode(frame, 2, frame.length - 2));
    }
}
