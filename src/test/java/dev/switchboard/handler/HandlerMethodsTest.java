package dev.switchboard.handler;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a namespace's handler methods are chosen for an event: middleware first, then the event's own, or the catch-all. */
class HandlerMethodsTest {
    private static final Jsonb JSONB = JsonbBuilder.create();

    /** What the handler did, in order, as readable lines. */
    private final List<String> calls = new ArrayList<>();
    /** What the handler emitted to the client: [event, args...]. */
    private final List<List<Object>> emitted = new ArrayList<>();
    private final SocketClient client = (SocketClient) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SocketClient.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "id" -> {
                        return "s1";
                    }
                    case "emit" -> {
                        List<Object> event = new ArrayList<>();
                        event.add(args[0]);
                        event.addAll(List.of((Object[]) args[1]));
                        emitted.add(event);
                        return null;
                    }
                    case "toString" -> {
                        return "client s1";
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
            });

    public class Chat {
        @BeforeEvent
        void guard(String event, Arguments args) {
            calls.add("guard " + event);
            if (event.startsWith("forbidden")) {
                throw new EventRejection("forbidden event", Map.of("event", event));
            }
            if (event.equals("buggy")) {
                throw new IllegalStateException("a bug in the middleware");
            }
        }

        @OnEvent("echo")
        String echo(String text) {
            calls.add("echo " + text);
            return text;
        }

        @OnAnyEvent
        Map<String, Object> any(Arguments args, String event, SocketClient who) {
            calls.add("any " + event + " " + args.values() + " from " + who.id());
            return Map.of("event", event);
        }

        @OnDisconnecting
        void disconnecting(String reason) {
            calls.add("disconnecting " + reason);
        }

        @OnDisconnect
        void disconnect(SocketClient who, String reason) {
            calls.add("disconnect " + reason);
        }

        @OnAnyOutgoing
        void audit(String event, Arguments args) {
            calls.add("outgoing " + event + " " + args.values());
        }
    }

    private final HandlerMethods methods = HandlerMethods.of("/chat", new LinkedHashMap<>(Map.of(Chat.class, new Chat())));

    private static Arguments args(String json) {
        JsonArray values = Json.createReader(new java.io.StringReader(json)).readArray();
        return new Arguments(values, List.of(), JSONB);
    }

    private final List<Object> acked = new ArrayList<>();
    private final Ack ack = values -> acked.addAll(List.of(values));

    @Test
    void anEventWithAHandlerGoesThroughTheMiddlewareToItsHandlerOnly() {
        methods.onEvent(client, "echo", args("[\"hi\"]"), ack);
        assertEquals(List.of("guard echo", "echo hi"), calls);
        assertEquals(List.of("hi"), acked);
        assertEquals(List.of(), emitted);
    }

    @Test
    void anEventNoHandlerTakesGoesToTheCatchAllWithItsNameAndArgumentsAndItsReturnValueAcknowledges() {
        methods.onEvent(client, "cursor", args("[1,{\"x\":2}]"), ack);
        assertEquals(List.of("guard cursor", "any cursor [1, {x=2}] from s1"), calls);
        assertEquals(List.of(Map.of("event", "cursor")), acked);
    }

    @Test
    void aRejectedEventReachesNoHandlerIsNotAcknowledgedAndTheClientHearsAnErrorEvent() {
        methods.onEvent(client, "forbidden-thing", args("[\"x\"]"), ack);
        assertEquals(List.of("guard forbidden-thing"), calls);
        assertEquals(List.of(), acked);
        assertEquals(List.of(List.of("error", Map.of("message", "forbidden event", "data", Map.of("event", "forbidden-thing")))),
                emitted);
    }

    @Test
    void middlewareThatFailsStopsTheEventAsAServerError() {
        methods.onEvent(client, "buggy", args("[]"), ack);
        assertEquals(List.of("guard buggy"), calls);
        assertEquals(List.of(List.of("error", Map.of("message", "Server error"))), emitted);
    }

    @Test
    void disconnectingAndDisconnectAreSeparateCallsWithTheReason() {
        methods.onDisconnecting(client, "transport close");
        methods.onDisconnect(client, "transport close");
        assertEquals(List.of("disconnecting transport close", "disconnect transport close"), calls);
    }

    @Test
    void outgoingEventsGoToTheAuditMethodAndOnlyWhenOneIsThere() {
        methods.onOutgoing(client, "news", args("[\"a\",2]"));
        assertEquals(List.of("outgoing news [\"a\", 2]"), calls);
        assertEquals(true, methods.watchesOutgoing());
        assertEquals(false, HandlerMethods.of("/plain", Map.of(Object.class, new Object())).watchesOutgoing());
    }
}
