package dev.switchboard.engine.transport.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 for text frames and close reasons: RFC 6455 requires closing with 1007 on invalid text. */
final class Utf8 {

    private Utf8() {
    }

    /** Decodes, refusing malformed input; ASCII, the common case, is copied without transcoding. */
    static String decode(byte[] bytes, int offset, int length) throws WebSocketProtocolException {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException invalid) {
            throw new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD, "text that is not UTF-8");
        }
    }
}
