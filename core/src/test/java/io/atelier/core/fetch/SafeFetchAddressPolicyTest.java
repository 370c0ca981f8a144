package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Classification only: address literals are parsed, nothing is resolved or contacted. */
class SafeFetchAddressPolicyTest {

    private final AddressPolicy strict = new AddressPolicy(false);
    private final AddressPolicy loopbackAllowed = new AddressPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4 special-purpose ranges
            "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.254",
            "127.0.0.1", "127.255.0.1", "169.254.169.254", "169.254.0.1", "172.16.0.1", "172.31.255.255",
            "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.0.1", "198.18.0.1", "198.19.255.255",
            "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            // IPv6
            "::", "::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:127.0.0.1", "::10.0.0.1",
            "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "2002:a00:1::1",
            "2002:7f00:1::1", "3fff::1", "fc00::1", "fd00:ec2::254", "fe80::1", "fec0::1", "ff02::1"})
    void refusesNonPublicAddresses(String literal) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.1.1.1", "8.8.8.8", "93.184.216.34", "100.63.255.255", "100.128.0.1", "172.15.255.255",
            "172.32.0.1", "192.167.255.255", "192.169.0.1", "198.17.255.255", "223.255.255.254",
            "2606:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(strict.refusal(InetAddress.getByName(literal))).as(literal).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"})
    void allowsLoopbackOnlyWhenConfigured(String literal) throws UnknownHostException {
        assertThat(loopbackAllowed.refusal(InetAddress.getByName(literal))).as(literal).isEmpty();
        assertThat(strict.refusal(InetAddress.getByName(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "169.254.169.254", "fd00::1", "0.0.0.0", "::"})
    void allowingLoopbackAllowsNothingElse(String literal) throws UnknownHostException {
        assertThat(loopbackAllowed.refusal(InetAddress.getByName(literal))).as(literal).isPresent();
    }

    @Test
    void judgesIpv4MappedAddressesKeptInIpv6Form() throws UnknownHostException {
        // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; a resolver may not.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169, (byte) 254};
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};

        assertThat(strict.refusal(Inet6Address.getByAddress(null, mapped, -1))).isPresent();
        assertThat(strict.refusal(Inet6Address.getByAddress(null, mappedPublic, -1))).isEmpty();
    }
}
