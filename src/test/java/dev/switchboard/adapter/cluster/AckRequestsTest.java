package dev.switchboard.adapter.cluster;

import dev.switchboard.adapter.PartialAnswers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AckRequestsTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anAnswerFindsItsOpenBroadcastUntilEveryAckCame() throws Exception {
        AckRequests requests = new AckRequests(scheduler);
        AckCollection collection = requests.open("b1", 2, 60_000);
        collection.counted(1); // this node: one client
        requests.named("b1").orElseThrow().counted(1); // the other node: one client
        requests.named("b1").orElseThrow().answered("from there");
        collection.answered("from here");

        assertEquals(List.of("from there", "from here"), collection.done().get(1, TimeUnit.SECONDS));
        assertTrue(requests.named("b1").isEmpty(), "forgotten once complete: a late answer finds nothing");
        assertTrue(requests.named("unknown").isEmpty());
        assertTrue(requests.named(42).isEmpty(), "an id that is not a string names nothing");
    }

    @Test
    void aBroadcastWhoseAcksDoNotAllComeExpiresWithThoseThatDidAndIsForgotten() throws Exception {
        AckRequests requests = new AckRequests(scheduler);
        AckCollection collection = requests.open("b2", 2, 100);
        collection.counted(2);
        collection.answered("one");

        ExecutionException failure = assertThrows(ExecutionException.class, () -> collection.done().get(5, TimeUnit.SECONDS));
        PartialAnswers partial = assertInstanceOf(PartialAnswers.class, failure.getCause());
        assertEquals(List.of("one"), partial.answers());
        assertTrue(requests.named("b2").isEmpty());
    }
}
