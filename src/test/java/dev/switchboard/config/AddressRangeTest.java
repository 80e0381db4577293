package dev.switchboard.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressRangeTest {

    private static InetAddress address(String literal) {
        return AddressRange.literal(literal).orElseThrow();
    }

    @Test
    void aSingleAddressHoldsItselfOnly() {
        AddressRange loopback = AddressRange.parse("127.0.0.1");
        assertTrue(loopback.contains(address("127.0.0.1")));
        assertFalse(loopback.contains(address("127.0.0.2")));
        assertEquals("127.0.0.1/32", loopback.toString());
    }

    @Test
    void aCidrRangeHoldsEveryAddressWithItsPrefix() {
        AddressRange ten = AddressRange.parse("10.1.2.3/8");
        assertEquals("10.0.0.0/8", ten.toString(), "host bits are cleared");
        assertTrue(ten.contains(address("10.255.0.1")));
        assertFalse(ten.contains(address("11.0.0.1")));
        AddressRange odd = AddressRange.parse("192.168.1.128/25");
        assertTrue(odd.contains(address("192.168.1.200")));
        assertFalse(odd.contains(address("192.168.1.127")));
        assertTrue(AddressRange.parse("0.0.0.0/0").contains(address("203.0.113.9")));
    }

    @Test
    void ipv6RangesAndTheLoopbackInEverySpelling() {
        AddressRange loopback = AddressRange.parse("::1");
        assertTrue(loopback.contains(address("0:0:0:0:0:0:0:1")));
        assertTrue(loopback.contains(address("[::1]")));
        assertTrue(AddressRange.parse("fd00::/8").contains(address("fd12:3456::1")));
        assertFalse(AddressRange.parse("fd00::/8").contains(address("fe80::1")));
        assertFalse(AddressRange.parse("::/0").contains(address("127.0.0.1")), "families never mix");
    }

    @Test
    void anIpv4MappedIpv6AddressIsItsIpv4Address() {
        assertTrue(AddressRange.parse("127.0.0.1").contains(address("::ffff:127.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.internal", "256.0.0.1", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8",
            "1.2.3.4/-1", "", "*", "fe80::1::2"})
    void refusesWhatIsNotAnAddressOrRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "_hidden", "example.com", "1.2.3.999", "12345", ""})
    void aLiteralIsNeverLookedUp(String text) {
        // a name would mean a DNS query per request: it is simply not an address
        assertTrue(AddressRange.literal(text).isEmpty());
    }
}
