package dev.switchboard.engine;

import dev.switchboard.config.AddressRange;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {
    private final TrustedProxies loopbackAndTen = new TrustedProxies(
            List.of(AddressRange.parse("127.0.0.1"), AddressRange.parse("::1"), AddressRange.parse("10.0.0.0/8")));
    private final TrustedProxies none = new TrustedProxies(List.of());

    private static ClientRequest request(String peer, boolean secure, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("Host", List.of("backend:8080"));
        for (int i = 0; i < headers.length; i += 2) {
            map.computeIfAbsent(headers[i], name -> new java.util.ArrayList<>()).add(headers[i + 1]);
        }
        return new ClientRequest("GET", "/socket.io/", Map.of(), map, peer, secure);
    }

    @Test
    void fromATrustedProxyTheForwardedClientSchemeAndHostCount() {
        ClientRequest client = loopbackAndTen.resolve(request("127.0.0.1", false,
                "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example"));
        assertEquals("203.0.113.7", client.remoteAddress());
        assertTrue(client.secure());
        assertEquals("app.example", client.host());
        assertEquals("backend:8080", client.header("host"), "the headers themselves are left as received");
    }

    @Test
    void fromAnyOtherPeerTheHeadersAreIgnored() {
        ClientRequest forged = request("198.51.100.4", false,
                "X-Forwarded-For", "10.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "app.example",
                "Forwarded", "for=10.0.0.1;proto=https;host=app.example");
        assertEquals(forged, loopbackAndTen.resolve(forged));
        ClientRequest fromLoopback = request("127.0.0.1", false, "X-Forwarded-For", "203.0.113.7");
        assertEquals(fromLoopback, none.resolve(fromLoopback), "no trusted proxies: the peer is the client");
        assertEquals("backend:8080", fromLoopback.host());
        assertFalse(none.trusts("127.0.0.1"));
    }

    @Test
    void theClientIsTheNearestHopThatIsNotATrustedProxy() {
        // the client wrote "1.1.1.1" itself; nginx appended its peer; an inner proxy 10.0.0.5 appended its own
        ClientRequest client = loopbackAndTen.resolve(request("127.0.0.1", false,
                "X-Forwarded-For", "1.1.1.1, 203.0.113.7, 10.0.0.5"));
        assertEquals("203.0.113.7", client.remoteAddress());
        ClientRequest allTrusted = loopbackAndTen.resolve(request("127.0.0.1", false, "X-Forwarded-For", "10.0.0.9, 10.0.0.5"));
        assertEquals("10.0.0.9", allTrusted.remoteAddress(), "a chain of trusted proxies ends at its first address");
    }

    @Test
    void severalHeaderLinesAreOneList() {
        ClientRequest client = loopbackAndTen.resolve(request("127.0.0.1", false,
                "X-Forwarded-For", "1.1.1.1", "X-Forwarded-For", "203.0.113.7"));
        assertEquals("203.0.113.7", client.remoteAddress());
    }

    @Test
    void forwardedIsPreferredAndReadHopByHop() {
        ClientRequest client = loopbackAndTen.resolve(request("::1", false,
                "X-Forwarded-For", "198.51.100.1",
                "Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=\"app.example:8443\", for=10.1.2.3;proto=http;host=inner"));
        assertEquals("2001:db8:cafe::17", client.remoteAddress());
        assertTrue(client.secure(), "the scheme the outer proxy received");
        assertEquals("app.example:8443", client.host());
        ClientRequest spelled = loopbackAndTen.resolve(request("0:0:0:0:0:0:0:1", false,
                "forwarded", "For=192.0.2.60:1234;Proto=HTTPS;by=203.0.113.43"));
        assertEquals("192.0.2.60", spelled.remoteAddress());
        assertTrue(spelled.secure());
    }

    @Test
    void protoAndHostListsGoHopByHopWhenAsLongAsTheAddressesOtherwiseTheLastCounts() {
        ClientRequest aligned = loopbackAndTen.resolve(request("127.0.0.1", false,
                "X-Forwarded-For", "203.0.113.7, 10.0.0.5", "X-Forwarded-Proto", "https, http"));
        assertTrue(aligned.secure());
        ClientRequest overwritten = loopbackAndTen.resolve(request("127.0.0.1", true,
                "X-Forwarded-For", "203.0.113.7, 10.0.0.5", "X-Forwarded-Proto", "http"));
        assertFalse(overwritten.secure());
    }

    @Test
    void schemeAndHostAloneAreBelievedFromATrustedPeerTooKeepingThePeerAddress() {
        ClientRequest client = loopbackAndTen.resolve(request("127.0.0.1", false, "X-Forwarded-Proto", "https"));
        assertEquals("127.0.0.1", client.remoteAddress());
        assertTrue(client.secure());
        assertEquals("backend:8080", client.host());
    }

    @Test
    void unreadableOrObfuscatedHopsStopTheWalk() {
        ClientRequest hidden = loopbackAndTen.resolve(request("127.0.0.1", false, "Forwarded", "for=unknown, for=10.0.0.5"));
        assertEquals("unknown", hidden.remoteAddress(), "what the trusted proxy said, not the proxy itself");
        ClientRequest garbage = loopbackAndTen.resolve(request("127.0.0.1", false, "Forwarded", ";;=,\"for=;, ="));
        assertEquals("127.0.0.1", garbage.remoteAddress());
    }

    @Test
    void resolvingTwiceGivesTheSameRequest() {
        ClientRequest once = loopbackAndTen.resolve(request("127.0.0.1", false,
                "X-Forwarded-For", "10.0.0.9, 10.0.0.5", "X-Forwarded-Proto", "https"));
        assertEquals(once, loopbackAndTen.resolve(once));
    }
}
