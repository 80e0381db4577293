package dev.switchboard.socketio;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way of changing a socket's attributes says so, once; reading, and a change that changes nothing, do not. */
class SocketAttributesTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final SocketAttributes attributes = new SocketAttributes(Map.of("name", "ann"), changes::incrementAndGet);

    @Test
    void theInitialValuesAreThereAndReadingIsNoChange() {
        assertEquals("ann", attributes.get("name"));
        assertTrue(attributes.containsKey("name"));
        assertEquals(Map.of("name", "ann"), Map.copyOf(attributes));
        attributes.forEach((key, value) -> { });
        attributes.getOrDefault("x", 1);
        assertEquals(0, changes.get());
    }

    @Test
    void eachMutatorSaysItChanged() {
        attributes.put("flag", false);
        assertEquals(1, changes.get(), "put, even over a Boolean");
        attributes.put("flag", false);
        assertEquals(2, changes.get());
        attributes.putAll(Map.of("a", 1, "b", 2));
        assertEquals(3, changes.get());
        attributes.merge("a", 10, (old, more) -> (Integer) old + (Integer) more);
        assertEquals(4, changes.get());
        assertEquals(11, attributes.get("a"));
        attributes.compute("b", (key, old) -> 3);
        attributes.computeIfPresent("b", (key, old) -> 4);
        attributes.computeIfAbsent("c", key -> 5);
        attributes.replace("c", 6);
        attributes.replaceAll((key, value) -> value);
        assertEquals(9, changes.get());
        attributes.remove("c");
        attributes.entrySet().iterator().next().setValue("changed");
        attributes.keySet().removeIf("b"::equals);
        assertEquals(12, changes.get());
        assertFalse(attributes.containsKey("b"));
        attributes.clear();
        assertEquals(13, changes.get());
        assertTrue(attributes.isEmpty());
    }

    @Test
    void aChangeThatChangesNothingIsNone() {
        attributes.putIfAbsent("name", "bob");
        attributes.computeIfAbsent("name", key -> "bob");
        attributes.computeIfAbsent("other", key -> null);
        attributes.remove("missing");
        attributes.remove("name", "bob");
        attributes.replace("name", "bob", "carl");
        assertNull(attributes.replace("missing", 1));
        attributes.putAll(Map.of());
        assertEquals(0, changes.get());
        assertEquals("ann", attributes.get("name"));
    }
}
