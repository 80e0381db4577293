package dev.switchboard.engine;

import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes {@link OriginPolicy}, which reads the Origin and Host of every handshake (Host as a trusted proxy may name it): any
 * text in them gets an answer, allowed or not, never an exception.
 */
class OriginPolicyProperties {
    private static final OriginPolicy SAME_ORIGIN = new OriginPolicy(List.of());
    private static final OriginPolicy ALLOWLIST = new OriginPolicy(List.of("http://allowed.example", "https://App.Example:8443"));

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyHeadersAreAllowedOrRefused(@ForAll("origins") String origin, @ForAll boolean secure,
                                       @ForAll("hosts") String host) {
        SAME_ORIGIN.allows(origin, secure, host);
        ALLOWLIST.allows(origin, secure, host);
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void aPageMayAlwaysTalkToItsOwnHost(@ForAll("hostNames") String name, @ForAll("ports") int port) {
        assertTrue(SAME_ORIGIN.allows("http://" + name + ":" + port, false, name + ":" + port));
        assertTrue(SAME_ORIGIN.allows("https://" + name, true, name + ":443"));
    }

    @Provide
    Arbitrary<String> origins() {
        return Mutations.ofText(Arbitraries.of("http://app.example:8080", "https://app.example", "http://[::1]:8080", "null",
                "http://allowed.example", "file://", "http://a@b:1")).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Mutations.ofText(Arbitraries.of("app.example:8080", "app.example", "[::1]:8080", "public.example, proxy.internal",
                ",", " ", "")).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> hostNames() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(3)
                .map(labels -> String.join(".", labels));
    }

    @Provide
    Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(1, 65535);
    }
}
