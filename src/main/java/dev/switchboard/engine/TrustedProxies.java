package dev.switchboard.engine;

import dev.switchboard.config.AddressRange;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The {@code trustedProxies} setting at work: only a request whose peer is one of these addresses may say, in
 * {@code Forwarded} or {@code X-Forwarded-For} / {@code -Proto} / {@code -Host}, who the client is, which scheme
 * it used and which host it asked for. From any other peer those headers are ignored, since any client can write
 * them. Immutable, so shared by every container thread.
 */
public final class TrustedProxies {
    private final List<AddressRange> ranges;

    public TrustedProxies(List<AddressRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Whether the address, an IP literal, lies in one of the ranges; anything else (null, a name) does not. */
    public boolean trusts(String address) {
        if (address == null || ranges.isEmpty()) {
            return false;
        }
        Optional<InetAddress> literal = AddressRange.literal(address);
        return literal.isPresent() && ranges.stream().anyMatch(range -> range.contains(literal.get()));
    }

    /**
     * The request as the client made it: from a trusted peer, the client address is the nearest hop that is not
     * itself a trusted proxy (walking the chain from this server outwards, so that a client cannot pass itself
     * off as anyone by writing the header first), and scheme and host are what the proxy that received the
     * request from that client says. Unchanged from any other peer. Applying it twice gives the same request.
     */
    public ClientRequest resolve(ClientRequest request) {
        if (!trusts(request.remoteAddress())) {
            return request;
        }
        List<ForwardedHop> hops = ForwardedHop.of(request);
        if (hops.isEmpty()) {
            return request;
        }
        int client = hops.size() - 1;
        while (client > 0 && trusts(hops.get(client).address())) {
            client--;
        }
        ForwardedHop hop = hops.get(client);
        return request.seenAs(
                hop.address() != null ? hop.address() : request.remoteAddress(),
                hop.proto() != null ? "https".equals(hop.proto()) || "wss".equals(hop.proto()) : request.secure(),
                hop.host() != null ? hop.host() : request.host());
    }
}
