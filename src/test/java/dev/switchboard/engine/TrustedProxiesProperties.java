package dev.switchboard.engine;

import dev.switchboard.config.AddressRange;
import dev.switchboard.fuzz.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes what {@link TrustedProxies} reads from a trusted peer: {@code Forwarded} (RFC 7239, quoted strings and
 * all) and {@code X-Forwarded-For / -Proto / -Host}, which a client may have written a first part of. Any text
 * gets a request back, never an exception, and resolving it again changes nothing. {@link AddressRange#parse}
 * refuses what it cannot read with its one documented exception.
 */
class TrustedProxiesProperties {
    private static final TrustedProxies LOOPBACK = new TrustedProxies(List.of(AddressRange.parse("127.0.0.1"), AddressRange.parse("10.0.0.0/8")));

    @Property(generation = GenerationMode.RANDOMIZED)
    void anyForwardingHeadersResolveToARequest(@ForAll("forwarded") String forwarded, @ForAll("addresses") String forwardedFor,
                                               @ForAll("protos") String proto, @ForAll("hosts") String host) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("backend:8080"));
        if (forwarded != null) {
            headers.put("Forwarded", List.of(forwarded));
        }
        if (forwardedFor != null) {
            headers.put("X-Forwarded-For", List.of(forwardedFor));
        }
        if (proto != null) {
            headers.put("X-Forwarded-Proto", List.of(proto));
        }
        if (host != null) {
            headers.put("X-Forwarded-Host", List.of(host));
        }
        ClientRequest received = new ClientRequest("GET", "/socket.io/", Map.of(), headers, "127.0.0.1", false);
        ClientRequest client = LOOPBACK.resolve(received);
        assertNotNull(client);
        assertEquals(client, LOOPBACK.resolve(client));
    }

    @Property(generation = GenerationMode.RANDOMIZED)
    void anySettingTextIsARangeOrRefused(@ForAll("ranges") String text) {
        try {
            AddressRange range = AddressRange.parse(text);
            assertEquals(range, AddressRange.parse(range.toString()));
        } catch (IllegalArgumentException refused) {
            // the documented answer to what is not an address or a range
        }
    }

    @Provide
    Arbitrary<String> forwarded() {
        return Mutations.ofText(Arbitraries.of("for=192.0.2.60;proto=https;host=app.example",
                "for=\"[2001:db8:cafe::17]:4711\";proto=http, for=10.0.0.5", "For=\"_hidden\";by=\"\\\"x\"", "for=unknown",
                "for=\"1.2.3.4", ";;=,", "")).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> addresses() {
        return Mutations.ofText(Arbitraries.of("203.0.113.7", "1.1.1.1, 203.0.113.7, 10.0.0.5", "[::1]:80", "::ffff:127.0.0.1",
                "10.0.0.9:1234", "unknown", ",", "")).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> protos() {
        return Mutations.ofText(Arbitraries.of("https", "http", "https, http", "wss", "HTTPS", "")).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> hosts() {
        return Mutations.ofText(Arbitraries.of("app.example", "app.example:8443", "a, b", "[::1]:1", "")).injectNull(0.3);
    }

    @Provide
    Arbitrary<String> ranges() {
        return Mutations.ofText(Arbitraries.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "192.168.1.128/25", "0.0.0.0/0",
                "::ffff:127.0.0.1", "1.2.3.4/33", "localhost"));
    }
}
