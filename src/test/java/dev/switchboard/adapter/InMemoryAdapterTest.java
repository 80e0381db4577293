package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryAdapterTest {
    private final InMemoryAdapter adapter = new InMemoryAdapter();

    private static final class Recipient implements Adapter.Member {
        private final String id;
        final List<List<Packet>> received = new ArrayList<>();
        final List<List<Packet>> receivedVolatile = new ArrayList<>();

        Recipient(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public synchronized void deliver(List<Packet> packets) {
            received.add(packets);
        }

        @Override
        public synchronized void deliverVolatile(List<Packet> packets) {
            receivedVolatile.add(packets);
        }
    }

    private Recipient member(String id, String... rooms) {
        Recipient recipient = new Recipient(id);
        adapter.add(recipient, Set.of(id));
        adapter.add(recipient, Set.of(rooms));
        return recipient;
    }

    @Test
    void broadcastToSeveralRoomsReachesEachMemberOnceWithTheSamePackets() {
        Recipient a = member("a", "red", "blue");
        Recipient b = member("b", "blue");
        Recipient c = member("c", "green");
        List<Packet> packets = List.of(Packet.message("2[\"x\"]"));
        assertEquals(2, adapter.broadcast(packets, new Target(Set.of("red", "blue"), Set.of(), true)));
        assertEquals(1, a.received.size());
        assertSame(packets, a.received.get(0), "encoded once, the same packets for everyone");
        assertEquals(1, b.received.size());
        assertTrue(c.received.isEmpty());
    }

    @Test
    void exceptRoomsAndOwnRoom() {
        member("a", "room");
        member("b", "room", "muted");
        member("c");
        assertEquals(Set.of("a"), adapter.memberIds(Set.of("room"), Set.of("muted")));
        assertEquals(Set.of("a", "c"), adapter.memberIds(Set.of(), Set.of("b")), "no rooms = everyone");
        assertEquals(Set.of("c"), adapter.memberIds(Set.of("c"), Set.of()), "each member is in the room named by its id");
    }

    @Test
    void leavingRemovesEmptyRooms() {
        Recipient a = member("a", "room");
        adapter.remove("a", "room");
        assertEquals(Map.of("a", 1), adapter.roomSizes());
        adapter.removeAll(a);
        assertEquals(Map.of(), adapter.roomSizes());
        assertEquals(Set.of(), adapter.roomsOf("a"));
    }

    @Test
    void concurrentJoinsAndLeavesKeepRoomsConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 0; i < 400; i++) {
            String id = "m" + i;
            boolean stays = i % 2 == 0;
            pool.execute(() -> {
                Recipient recipient = new Recipient(id);
                adapter.add(recipient, Set.of(id, "shared"));
                if (!stays) {
                    adapter.removeAll(recipient);
                }
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(200, adapter.roomSizes().get("shared"));
        assertEquals(200, adapter.memberIds(Set.of("shared"), Set.of()).size());
    }

    @Test
    void aMemberRemovedForGoodCannotJoinAgain() {
        Recipient gone = member("gone", "room");
        adapter.removeAll(gone);
        adapter.add(gone, Set.of("room", "late"));
        assertEquals(Map.of(), adapter.roomSizes(), "a late join (an executor after the client left) is ignored");
        assertEquals(Set.of(), adapter.roomsOf("gone"));
        assertEquals(0, adapter.broadcast(List.of(Packet.message("2[\"x\"]")), Target.everyone()));
    }

    @Test
    void aMemberRemovedBeforeItEverJoinedCannotJoinLater() {
        Recipient refused = new Recipient("refused");
        adapter.removeAll(refused);
        adapter.add(refused, Set.of("refused", "room"));
        assertEquals(Map.of(), adapter.roomSizes());
    }

    @Test
    void aJoinRacingRemoveAllNeverLeavesTheMemberInARoom() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2000; i++) {
                Recipient recipient = new Recipient("m" + i);
                adapter.add(recipient, Set.of(recipient.id()));
                CountDownLatch start = new CountDownLatch(1);
                Future<?> join = pool.submit(() -> {
                    start.await();
                    adapter.add(recipient, Set.of("a", "b", "c"));
                    return null;
                });
                Future<?> leave = pool.submit(() -> {
                    start.await();
                    adapter.removeAll(recipient);
                    return null;
                });
                start.countDown();
                join.get(10, TimeUnit.SECONDS);
                leave.get(10, TimeUnit.SECONDS);
                assertEquals(Map.of(), adapter.roomSizes(), "iteration " + i);
                assertEquals(Set.of(), adapter.memberIds(Set.of(), Set.of()), "iteration " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hasARoomExactlyWhileSomeoneIsInIt() {
        Recipient ada = new Recipient("ada");
        assertFalse(adapter.hasRoom("lobby"));
        adapter.add(ada, Set.of("lobby"));
        assertTrue(adapter.hasRoom("lobby"));
        adapter.remove("ada", "lobby");
        assertFalse(adapter.hasRoom("lobby"));
    }

    @Test
    void aVolatileBroadcastIsHandedToEachMemberAsVolatile() {
        Recipient red = member("a", "red");
        Recipient blue = member("b", "blue");
        List<Packet> packets = List.of(Packet.message("2[\"position\",1]"));
        assertEquals(1, adapter.broadcast(packets, new Target(Set.of("red"), Set.of(), true, true)));
        assertEquals(List.of(packets), red.receivedVolatile);
        assertEquals(List.of(), red.received);
        assertEquals(List.of(), blue.receivedVolatile);
    }
}
