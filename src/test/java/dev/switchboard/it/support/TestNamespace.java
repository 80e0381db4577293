package dev.switchboard.it.support;

import dev.switchboard.handler.Ack;
import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.Namespace;
import dev.switchboard.handler.OnConnect;
import dev.switchboard.handler.OnDisconnect;
import dev.switchboard.handler.OnEvent;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Handlers that let container tests drive every part of the handler API. Deployed by tests only. */
@Namespace("/test")
public class TestNamespace {

    public record Shout(String room, String text) {
    }

    @Inject
    SocketServer server;

    @OnConnect
    void connect(SocketClient client) {
        JsonObject auth = client.handshake().auth();
        if ("reject".equals(auth.getString("token", ""))) {
            throw new ConnectRejection("Not authorized", Map.of("reason", "bad token"));
        }
        client.emit("welcome", client.id());
    }

    @OnEvent("echo")
    String echo(String text) {
        return text;
    }

    @OnEvent("sum")
    long sum(long a, long b) {
        return a + b;
    }

    @OnEvent("shout")
    int shout(Shout shout) {
        var target = server.of("/test").to(shout.room());
        target.emit("shout", shout.text());
        return target.socketIds().size();
    }

    @OnEvent("binary")
    void binary(byte[] data, Ack ack) {
        byte[] reversed = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            reversed[i] = data[data.length - 1 - i];
        }
        ack.send(reversed, data.length);
    }

    @OnEvent("join")
    String join(SocketClient client, String room) {
        client.join(room);
        return room;
    }

    @OnEvent("transport")
    String transport(SocketClient client) {
        return client.transport();
    }

    /** The server asks the client something and acks with what it heard, or with the failure. */
    @OnEvent("ask")
    CompletionStage<String> ask(SocketClient client, long timeoutMillis) {
        return client.emitWithAck("question", Duration.ofMillis(timeoutMillis), "ready?")
                .handle((answer, failure) -> failure == null
                        ? "answer:" + answer.get(0, String.class)
                        : "failed:" + (failure instanceof AckTimeoutException ? "timeout" : failure.toString()));
    }

    @OnEvent("later")
    void later(Ack ack, String text) {
        new Thread(() -> ack.send("later:" + text)).start(); // acknowledging from another thread
    }

    @OnEvent("boom")
    String boom() {
        throw new IllegalStateException("handler failure on purpose");
    }

    @OnEvent("handshake")
    Map<String, Object> handshake(SocketClient client) {
        return Map.of("query", client.handshake().query().getOrDefault("probe", ""),
                "header", String.valueOf(client.handshake().header("x-probe")),
                "address", String.valueOf(client.handshake().address()),
                "sid", client.id());
    }

    @OnDisconnect
    void disconnected(SocketClient client, String reason) {
        server.of("/test").to("watchers").emit("gone", client.id(), reason);
    }
}
