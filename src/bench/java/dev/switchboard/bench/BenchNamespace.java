package dev.switchboard.bench;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.SocketClient;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Map;

/**
 * The benchmark's namespace, the same contract as bench/server.mjs implements on the reference server.
 * Only in the bench profile's WAR, never in the production one.
 */
@Namespace("/bench")
public class BenchNamespace {

    @Inject
    BroadcastPacer pacer;

    /** Acknowledges with the payload as it came: JSON-P in, JSON-P out, no binding. */
    @OnEvent("echo")
    JsonValue echo(JsonValue payload) {
        return payload;
    }

    @OnEvent("join")
    boolean join(SocketClient client, String room) {
        client.join(room);
        return true;
    }

    /**
     * {@code {room, count, rate, size}}: emits {@code count} events {@code bcast {seq, ts, data}} to the room,
     * {@code rate} per second (0: back to back), then acknowledges {@code {sent: count}}.
     */
    @OnEvent("broadcast")
    void broadcast(JsonObject request, Ack ack) {
        String room = request.getString("room");
        int count = request.getInt("count");
        double rate = request.getJsonNumber("rate").doubleValue();
        int size = request.containsKey("size") ? ((JsonNumber) request.get("size")).intValue() : 0;
        pacer.start(room, count, rate, size, () -> ack.send(Map.of("sent", count)));
    }
}
