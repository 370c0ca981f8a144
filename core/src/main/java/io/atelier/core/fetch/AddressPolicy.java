package io.atelier.core.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses a server-side fetch may connect to: public unicast only.
 *
 * <p>IPv4 is checked against the special-purpose ranges of RFC 6890 and its updates (private,
 * loopback, link-local with the cloud metadata address 169.254.169.254, CGNAT, documentation,
 * benchmarking, multicast, reserved and broadcast). IPv6 must be global unicast (2000::/3) and not
 * documentation, Teredo or an IETF protocol assignment; forms that embed an IPv4 address
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are
 * judged by that address, and the deprecated IPv4-compatible form is refused. Loopback
 * (127.0.0.0/8, ::1) is allowed only when configured.
 *
 * <p>Immutable and thread-safe.
 */
final class AddressPolicy {

    private record Ipv4Range(int network, int prefix, String label) {
        boolean contains(int address) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return (address & mask) == (network & mask);
        }
    }

    private static final List<Ipv4Range> BLOCKED_IPV4 = List.of(
            range(0, 0, 0, 0, 8, "this network"),
            range(10, 0, 0, 0, 8, "private"),
            range(100, 64, 0, 0, 10, "carrier-grade NAT"),
            range(169, 254, 0, 0, 16, "link-local"),
            range(172, 16, 0, 0, 12, "private"),
            range(192, 0, 0, 0, 24, "IETF protocol assignments"),
            range(192, 0, 2, 0, 24, "documentation"),
            range(192, 88, 99, 0, 24, "6to4 relay anycast"),
            range(192, 168, 0, 0, 16, "private"),
            range(198, 18, 0, 0, 15, "benchmarking"),
            range(198, 51, 100, 0, 24, "documentation"),
            range(203, 0, 113, 0, 24, "documentation"),
            range(224, 0, 0, 0, 4, "multicast"),
            range(240, 0, 0, 0, 4, "reserved or broadcast"));

    private static final Ipv4Range LOOPBACK_IPV4 = range(127, 0, 0, 0, 8, "loopback");

    private final boolean allowLoopback;

    AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why the address is refused, or empty when a fetch may connect to it. */
    Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return refusalIpv4(toInt(address.getAddress(), 0));
        }
        if (address instanceof Inet6Address) {
            return refusalIpv6(address.getAddress());
        }
        return Optional.of("unknown address family");
    }

    private Optional<String> refusalIpv4(int address) {
        if (LOOPBACK_IPV4.contains(address)) {
            return allowLoopback ? Optional.empty() : Optional.of("loopback");
        }
        for (Ipv4Range range : BLOCKED_IPV4) {
            if (range.contains(address)) {
                return Optional.of(range.label());
            }
        }
        return Optional.empty();
    }

    private Optional<String> refusalIpv6(byte[] b) {
        if (allZero(b, 0, 10)) {
            int word5 = ((b[10] & 0xff) << 8) | (b[11] & 0xff);
            if (word5 == 0xffff) {
                return refusalIpv4(toInt(b, 12)).map(r -> "IPv4-mapped " + r);
            }
            if (word5 == 0) {
                if (allZero(b, 12, 15) && b[15] == 1) {
                    return allowLoopback ? Optional.empty() : Optional.of("loopback");
                }
                return Optional.of(allZero(b, 12, 16) ? "unspecified" : "IPv4-compatible");
            }
        }
        int word0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int word1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (word0 == 0x0064 && word1 == 0xff9b) {
            // 64:ff9b::/96 translates to the embedded IPv4 address; 64:ff9b:1::/48 is for local use.
            return allZero(b, 4, 12) ? refusalIpv4(toInt(b, 12)).map(r -> "NAT64 " + r) : Optional.of("local-use NAT64");
        }
        if ((word0 & 0xe000) != 0x2000) {
            // Outside global unicast: unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10,
            // multicast ff00::/8, discard 100::/64 and everything unassigned.
            return Optional.of("not global unicast");
        }
        if (word0 == 0x2002) {
            return refusalIpv4(toInt(b, 2)).map(r -> "6to4 " + r);
        }
        if (word0 == 0x2001 && word1 == 0x0db8) {
            return Optional.of("documentation");
        }
        if (word0 == 0x2001 && word1 < 0x0200) {
            // 2001::/23 IETF protocol assignments, with Teredo (2001::/32) that can tunnel anywhere.
            return Optional.of("IETF protocol assignment");
        }
        if (word0 == 0x3fff && (word1 & 0xf000) == 0) {
            return Optional.of("documentation");
        }
        return Optional.empty();
    }

    private static Ipv4Range range(int a, int b, int c, int d, int prefix, String label) {
        return new Ipv4Range((a << 24) | (b << 16) | (c << 8) | d, prefix, label);
    }

    private static int toInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
