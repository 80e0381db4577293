package dev.switchboard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of {@code trustedProxies}: an IPv4 or IPv6 address, or a CIDR range ({@code 10.0.0.0/8},
 * {@code fd00::/8}). Only address literals: a host name would need a DNS lookup at every request, and DNS answers
 * are not the kind of thing a trust decision should rest on.
 *
 * @param network the range's first address, host bits cleared
 * @param prefixLength how many leading bits of an address must equal {@code network}'s
 */
public record AddressRange(byte[] network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressRange {
        network = network.clone();
    }

    /**
     * @param text {@code 127.0.0.1}, {@code ::1}, {@code 10.0.0.0/8} or {@code 2001:db8::/32}
     * @throws IllegalArgumentException when it is none of those
     */
    public static AddressRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address))
                .getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = trimmed.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("not a prefix length from 0 to " + bits + ": " + length);
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressRange(masked(bytes, prefix), prefix);
    }

    /**
     * An address literal as an address, without ever asking DNS: anything that is not an IPv4 dotted quad or an
     * IPv6 literal (brackets allowed) is empty. IPv4-mapped IPv6 addresses come back as IPv4 ones.
     */
    public static Optional<InetAddress> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        try {
            if (IPV4.matcher(address).matches()) {
                String[] parts = address.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // with a colon in it, the JDK parses it as an IPv6 literal or refuses it, never looks it up
            return IPV6.matcher(address).matches() ? Optional.of(InetAddress.getByName(address)) : Optional.empty();
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return Optional.empty();
        }
    }

    /** Whether this range holds the address; an address of the other family never matches. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] result = bytes.clone();
        for (int bit = prefix; bit < result.length * 8; bit++) {
            result[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return result;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefixLength == prefixLength
                && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /** As {@code trustedProxies} would write it: {@code 10.0.0.0/8}, {@code 127.0.0.1/32}. */
    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
