package dev.switchboard.example;

import dev.switchboard.example.ChatNamespace.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatRoomsTest {
    private final ChatRooms rooms = new ChatRooms();

    private static Message message(String room, long ts, String text) {
        return new Message(room, "ada", text, ts, "id-" + ts);
    }

    @Test
    void givesWhatWasSaidAtOrAfterSinceOldestFirst() {
        for (long ts = 1; ts <= 5; ts++) {
            rooms.keep(message("lobby", ts * 10, "m" + ts));
        }
        rooms.keep(message("elsewhere", 35, "not here"));
        assertEquals(List.of("m3", "m4", "m5"), rooms.saidSince("lobby", 30).stream().map(Message::text).toList());
        assertEquals(List.of(), rooms.saidSince("lobby", 51));
        assertEquals(List.of(), rooms.saidSince("never-said-in", 0));
    }

    @Test
    void keepsTheLastFiftyOfARoom() {
        for (long ts = 1; ts <= ChatRooms.HISTORY + 20; ts++) {
            rooms.keep(message("lobby", ts, "m" + ts));
        }
        List<Message> kept = rooms.saidSince("lobby", 0);
        assertEquals(ChatRooms.HISTORY, kept.size());
        assertEquals("m21", kept.get(0).text());
    }

    @Test
    void dropsTheRoomsSaidInLeastRecentlyWhenTheTextBudgetIsSpent() {
        String text = "x".repeat(2000);
        int rooms = (int) (ChatRooms.HISTORY_CHARS / (text.length() * ChatRooms.HISTORY)) + 5;
        for (int room = 0; room < rooms; room++) {
            for (long ts = 1; ts <= ChatRooms.HISTORY; ts++) {
                this.rooms.keep(message("room-" + room, ts, text));
            }
        }
        long kept = 0;
        for (int room = 0; room < rooms; room++) {
            kept += this.rooms.saidSince("room-" + room, 0).stream().mapToLong(m -> m.text().length()).sum();
        }
        assertTrue(kept <= ChatRooms.HISTORY_CHARS, kept + " characters kept");
        assertEquals(List.of(), this.rooms.saidSince("room-0", 0), "the room said in least recently goes first");
        assertEquals(ChatRooms.HISTORY, this.rooms.saidSince("room-" + (rooms - 1), 0).size());
    }
}
