package io.atelier.core.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name (or an address literal) into the addresses the {@link SafeHttpFetcher} vets and
 * then connects to. A Spring bean of this type replaces the system resolver, e.g. for tests or a
 * DNS-over-HTTPS resolver.
 *
 * <p>Threading: called concurrently from every thread that fetches.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * All addresses of {@code host}, never empty.
     *
     * @param host a name or an address literal, IPv6 without brackets
     * @throws UnknownHostException when the host has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}), with its positive and negative caching. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
