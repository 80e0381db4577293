package dev.switchboard.engine.transport;

import dev.switchboard.engine.Capacity;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.Transport;
import dev.switchboard.engine.TransportListener;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.TimeoutHandler;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The long-polling transport on fake requests: what each GET is answered with, and the places it holds. */
class PollingTransportTest {
    private final Capacity polls = new Capacity(10);
    private final PollingTransport transport = new PollingTransport(100, 30_000, polls, EngineObserver.NONE, Runnable::run);

    PollingTransportTest() {
        transport.bind(new TransportListener() {
            @Override
            public void onPacket(Transport source, Packet packet) {
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
        assertEquals(400, ((Response) late.answer).getStatus(), "a closed transport takes no more polls");
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

    private static String body(Object answer) {
        return new String((byte[]) ((Response) answer).getEntity(), StandardCharsets.UTF_8);
    }

    /** A suspended GET; {@code whileSuspending} runs when the transport sets its timeout, before it is stored. */
    private static final class FakeGet implements AsyncResponse {
        private final Runnable whileSuspending;
        Object answer;

        FakeGet(Runnable whileSuspending) {
            this.whileSuspending = whileSuspending;
        }

        @Override
        public boolean resume(Object response) {
            if (answer != null) {
                return false;
            }
            answer = response;
            return true;
        }

        @Override
        public boolean resume(Throwable response) {
            return resume((Object) response);
        }

        @Override
        public boolean setTimeout(long time, TimeUnit unit) {
            whileSuspending.run();
            return true;
        }

        @Override
        public void setTimeoutHandler(TimeoutHandler handler) {
        }

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean cancel(int retryAfter) {
            return false;
        }

        @Override
        public boolean cancel(Date retryAfter) {
            return false;
        }

        @Override
        public boolean isSuspended() {
            return answer == null;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return answer != null;
        }

        @Override
        public Collection<Class<?>> register(Class<?> callback) {
            return List.of();
        }

        @Override
        public Map<Class<?>, Collection<Class<?>>> register(Class<?> callback, Class<?>... callbacks) {
            return Map.of();
        }

        @Override
        public Collection<Class<?>> register(Object callback) {
            return List.of();
        }

        @Override
        public Map<Class<?>, Collection<Class<?>>> register(Object callback, Object... callbacks) {
            return Map.of();
        }
    }
}
