package dev.switchboard.engine.transport;

import dev.switchboard.engine.Capacity;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.Transport;
import dev.switchboard.engine.TransportListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The long-polling transport on fake requests: what each GET is answered with, and the places it holds. */
class PollingTransportTest {
    private final Capacity polls = new Capacity(10);
    private final PollingTransport transport = new PollingTransport(100, 30_000, polls, EngineObserver.NONE);
    private final List<String> received = new ArrayList<>();

    PollingTransportTest() {
        transport.bind(new TransportListener() {
            @Override
            public void onPacket(Transport source, Packet packet) {
                received.add(packet.data());
            }

            @Override
            public void onWritable(Transport source) {
            }

            @Override
            public void onClosed(Transport source, CloseReason reason, String detail) {
            }
        });
    }

    @Test
    void aPollThatRacesTheCloseIsAnsweredAtOnceAndGivesItsPlaceBack() {
        // the close lands after the GET passed the closed check, before it was stored (while its timeout is set)
        FakeGet get = new FakeGet(transport::close);
        transport.poll(get);
        assertNotNull(get.answer, "answered, not left waiting for the poll timeout");
        assertEquals("1", body(get.answer));
        assertEquals(0, polls.used());
    }

    @Test
    void aGetWaitingWhenTheClientClosesGetsANoopAndAServerCloseAfterChangesNothing() {
        FakeGet get = new FakeGet(() -> { });
        transport.poll(get);
        transport.closedByClient();
        transport.close();
        assertEquals("6", body(get.answer));
        assertEquals(0, polls.used());
        FakeGet late = new FakeGet(() -> { });
        transport.poll(late);
        assertEquals(400, late.answer.status(), "a closed transport takes no more polls");
    }

    @Test
    void aLargeBacklogLeavesOverSeveralPollsEachWithinMaxPayload() {
        List<Packet> backlog = List.of(Packet.message("a".repeat(60)), Packet.message("b".repeat(60)), Packet.message("c"));
        FakeGet first = new FakeGet(() -> { });
        transport.poll(first);
        int taken = transport.send(backlog);
        assertEquals(1, taken, "61 + 1 + 61 bytes would pass maxPayload 100");
        assertEquals("4" + "a".repeat(60), body(first.answer));
        FakeGet second = new FakeGet(() -> { });
        transport.poll(second);
        assertEquals(2, transport.send(backlog.subList(1, 3)));
        assertEquals("4" + "b".repeat(60) + "\u001e4c", body(second.answer));
    }

    @Test
    void aGetThatWaitsOutThePollTimeoutGetsANoopAndGivesItsPlaceBack() {
        FakeGet get = new FakeGet(() -> { });
        transport.poll(get);
        assertEquals(1, polls.used());
        assertTrue(get.expire.getAsBoolean());
        assertEquals("6", body(get.answer));
        assertEquals(0, polls.used());
    }

    @Test
    void theTimeoutOfAGetAlreadyTakenBySendLeavesItsAnswerAlone() {
        FakeGet get = new FakeGet(() -> { });
        transport.poll(get);
        assertEquals(1, transport.send(List.of(Packet.message("hi"))));
        assertFalse(get.expire.getAsBoolean(), "the sender answers it");
        assertEquals("4hi", body(get.answer));
        assertEquals(0, polls.used());
    }

    /**
     * A POST's body is read to its declared length, or to its end when chunked (no length, -1); one that stops short
     * of its declared length hands on what arrived; a chunked one past maxPayload (100 here) is refused with 413.
     */
    @Test
    void aPostIsReadToItsDeclaredLengthOrToItsEndAndRefusedPastMaxPayload() {
        assertEquals(200, post("4one\u001e4two", 13).status());
        assertEquals(200, post("4three", -1).status());
        assertEquals(200, post("4fo", 20).status());
        assertEquals(List.of("one", "two", "three", "fo"), received);
        assertEquals(413, post("4" + "x".repeat(100), -1).status());
        assertEquals(200, post("4" + "x".repeat(99), -1).status(), "exactly maxPayload is taken");
        assertEquals(5, received.size());
    }

    private HttpAnswer post(String body, long declaredLength) {
        return transport.receive(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), declaredLength);
    }

    private static String body(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** A suspended GET; {@code whileSuspending} runs when the transport sets its timeout, before it is stored. */
    private static final class FakeGet implements WaitingGet {
        private final Runnable whileSuspending;
        HttpAnswer answer;
        BooleanSupplier expire;

        FakeGet(Runnable whileSuspending) {
            this.whileSuspending = whileSuspending;
        }

        @Override
        public void expireAfter(long millis, BooleanSupplier expire) {
            this.expire = expire;
            whileSuspending.run();
        }

        @Override
        public void answer(HttpAnswer response) {
            if (answer == null) {
                answer = response;
            }
        }
    }
}
