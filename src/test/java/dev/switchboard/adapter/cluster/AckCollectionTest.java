package dev.switchboard.adapter.cluster;

import dev.switchboard.adapter.PartialAnswers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AckCollectionTest {

    @Test
    void waitsForEveryNodesCountAndEveryCountedClient() throws Exception {
        AckCollection acks = new AckCollection(2);
        acks.counted(1);
        acks.answered("a");
        assertFalse(acks.done().isDone(), "the second node has not counted yet");
        acks.counted(2);
        acks.answered("b");
        assertFalse(acks.done().isDone());
        acks.answered(null); // a client that answered with nothing
        assertEquals(java.util.Arrays.asList("a", "b", null), acks.done().get());
    }

    @Test
    void nodesWithNoClientStillCount() throws Exception {
        AckCollection acks = new AckCollection(3);
        acks.counted(0);
        acks.counted(0);
        acks.counted(0);
        assertEquals(List.of(), acks.done().get());
    }

    @Test
    void theDeadlineGivesWhatCameAndHowManyWereExpected() {
        AckCollection acks = new AckCollection(2);
        acks.counted(2);
        acks.answered("only one");
        acks.expire();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> acks.done().get());
        PartialAnswers partial = assertInstanceOf(PartialAnswers.class, failed.getCause());
        assertEquals(List.of("only one"), partial.answers());
        assertEquals(2, partial.asked());
    }
}
