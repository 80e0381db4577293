package dev.switchboard.adapter.cluster;

import dev.switchboard.adapter.PartialAnswers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRequestsTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger timeouts = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void completesOnceEveryNodeAnswered() throws Exception {
        PendingRequests requests = new PendingRequests(scheduler, 60_000, timeouts::incrementAndGet);
        CompletableFuture<List<Map<String, Object>>> done = requests.expect("r1", 2);
        assertTrue(requests.isOurs("r1"));
        requests.answer("r1", Map.of("rooms", List.of("a")));
        assertFalse(done.isDone());
        requests.answer("other", Map.of("rooms", List.of("x")));
        requests.answer("r1", Map.of("rooms", List.of("b")));
        assertEquals(2, done.get(1, TimeUnit.SECONDS).size());
        assertFalse(requests.isOurs("r1"), "forgotten once complete: a late duplicate is ignored");
        requests.answer("r1", Map.of("rooms", List.of("c")));
        assertEquals(0, timeouts.get());
    }

    @Test
    void aNodeThatNeverAnswersCostsTheTimeoutAndLeavesTheOthersAnswers() throws Exception {
        PendingRequests requests = new PendingRequests(scheduler, 100, timeouts::incrementAndGet);
        CompletableFuture<List<Map<String, Object>>> done = requests.expect("r2", 3);
        requests.answer("r2", Map.of("sockets", List.of()));
        assertEquals(1, done.get(5, TimeUnit.SECONDS).size());
        assertEquals(1, timeouts.get());
    }

    @Test
    void noOtherNodeMeansNoWait() throws Exception {
        PendingRequests requests = new PendingRequests(scheduler, 60_000, timeouts::incrementAndGet);
        assertEquals(List.of(), requests.expect("r3", 0).get(1, TimeUnit.SECONDS));
        assertFalse(requests.isOurs("r3"));
    }

    @Test
    void leavingCompletesWhatIsStillWaiting() throws Exception {
        PendingRequests requests = new PendingRequests(scheduler, 60_000, timeouts::incrementAndGet);
        CompletableFuture<List<Map<String, Object>>> done = requests.expect("r4", 2);
        requests.answer("r4", Map.of());
        requests.abandonAll();
        assertEquals(1, done.get(1, TimeUnit.SECONDS).size());
    }

    @Test
    void valuesOfEveryAnswerInTheOrderTheyCame() throws Exception {
        PendingRequests requests = new PendingRequests(scheduler, 60_000, timeouts::incrementAndGet);
        CompletableFuture<List<Object>> values = requests.expectValues("r5", 2, "data");
        requests.answer("r5", Map.of("data", "first"));
        requests.answer("r5", Map.of("data", 2));
        assertEquals(List.of("first", 2), values.get(1, TimeUnit.SECONDS));
    }

    @Test
    void valuesFromFewerNodesThanAskedFailWithThoseThatCame() {
        PendingRequests requests = new PendingRequests(scheduler, 100, timeouts::incrementAndGet);
        CompletableFuture<List<Object>> values = requests.expectValues("r6", 2, "packet");
        requests.answer("r6", Map.of("packet", "only"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> values.get(5, TimeUnit.SECONDS));
        PartialAnswers partial = assertInstanceOf(PartialAnswers.class, failure.getCause());
        assertEquals(List.of("only"), partial.answers());
        assertEquals(2, partial.asked());
    }
}
