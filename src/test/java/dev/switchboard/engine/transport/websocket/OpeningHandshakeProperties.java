package dev.switchboard.engine.transport.websocket;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link OpeningHandshake}: any method and headers get an answer (upgrade, 400 or 426), never an exception,
 * and every key it accepts gets the RFC's accept value.
 */
class OpeningHandshakeProperties {

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyRequestIsUpgradedOrRefusedWithAStatus(@ForAll("methods") String method, @ForAll("connections") String connection,
                                                  @ForAll("versions") String version, @ForAll("keys") String key,
                                                  @ForAll("upgrades") String upgrade) {
        OpeningHandshake.isUpgrade(upgrade);
        Optional<OpeningHandshake.Refusal> refusal = OpeningHandshake.check(method, connection, version, key);
        if (refusal.isPresent()) {
            int status = refusal.get().status();
            assertTrue(status == 400 || status == 426, "status " + status);
        } else {
            // ServletUpgrade answers every request check() let through with this key's accept value
            assertEquals(28, OpeningHandshake.accept(key).length());
        }
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void everySixteenByteKeyIsAcceptedWithTheDigestOfItsTrimmedText(@ForAll("validKeys") String key, @ForAll("spaces") String before,
                                                                   @ForAll("spaces") String after) {
        assertTrue(OpeningHandshake.check("GET", "Upgrade", "13", before + key + after).isEmpty());
        assertEquals(OpeningHandshake.accept(key), OpeningHandshake.accept(before + key + after));
        assertEquals(20, Base64.getDecoder().decode(OpeningHandshake.accept(key)).length);
    }

    @Provide
    Arbitrary<String> methods() {
        return Mutations.ofText(Arbitraries.of("GET", "POST", "get")).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> connections() {
        return Mutations.ofText(Arbitraries.of("Upgrade", "keep-alive, Upgrade", "upgrade,", ",", "")).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> versions() {
        return Mutations.ofText(Arbitraries.of("13", " 13 ", "8")).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> keys() {
        return Mutations.ofText(validKeys()).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> upgrades() {
        return Mutations.ofText(Arbitraries.of("websocket", "WebSocket", "h2c")).injectNull(0.05);
    }

    @Provide
    Arbitrary<String> validKeys() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(bytes -> Base64.getEncoder().encodeToString(bytes));
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
    }
}
