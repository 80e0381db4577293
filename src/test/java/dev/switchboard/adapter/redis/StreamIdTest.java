package dev.switchboard.adapter.redis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream entry ids: what a client may send as its offset, and their order. */
class StreamIdTest {

    @Test
    void parsesOrdersAndStepsAsRedisDoes() {
        StreamId first = StreamId.parse("1712345678901-0").orElseThrow();
        StreamId second = StreamId.parse("1712345678901-7").orElseThrow();
        StreamId later = StreamId.parse("1712345678902-0").orElseThrow();
        assertTrue(first.compareTo(second) < 0);
        assertTrue(second.compareTo(later) < 0);
        assertEquals("1712345678901-1", first.next().toString(), "the exclusive start Node's adapter computes");
        assertEquals("1712345678901-7", second.toString());
        assertEquals(new StreamId(5, 0), new StreamId(4, Long.MAX_VALUE).next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "12", "12-", "-3", "1-2-3", "x-1", "1-x", " 1-2", "99999999999999999999-1",
            "1-99999999999999999999", "ep0ch-0", "{\"$gt\":\"\"}"})
    void anythingElseAClientSendsIsNoOffset(String text) {
        assertEquals(Optional.empty(), StreamId.parse(text));
    }
}
