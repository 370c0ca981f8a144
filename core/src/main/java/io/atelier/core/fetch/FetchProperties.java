package io.atelier.core.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the {@link SafeHttpFetcher}, under {@code atelier.fetch}. Unset values take the
 * defaults below; invalid ones fail the start.
 *
 * @param maxBytes       largest body fetched, default 25MB, at most 1GB; a per-call limit can only lower it
 * @param connectTimeout longest wait for one TCP connection (and TLS handshake), default 5s
 * @param readTimeout    longest wait for any single read, default 15s
 * @param timeout        longest a whole fetch may take, redirects included, default 30s
 * @param maxRedirects   redirects followed, each one vetted like the first URL, default and at most 3
 * @param allowLoopback  allow 127.0.0.0/8 and ::1, default false; for local set-ups and tests only
 * @param allowedHosts   when not empty, the only hosts fetched: exact names, or {@code *.example.com}
 *                       for any subdomain. It narrows what is fetched and never lifts the address checks.
 */
@ConfigurationProperties("atelier.fetch")
public record FetchProperties(
        DataSize maxBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration timeout,
        Integer maxRedirects,
        boolean allowLoopback,
        List<String> allowedHosts) {

    public FetchProperties {
        maxBytes = maxBytes == null ? DataSize.ofMegabytes(25) : maxBytes;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxRedirects = maxRedirects == null ? 3 : maxRedirects;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (maxBytes.toBytes() < 1 || maxBytes.toBytes() > DataSize.ofGigabytes(1).toBytes()) {
            throw new IllegalArgumentException("atelier.fetch.max-bytes must be 1B-1GB: " + maxBytes);
        }
        requirePositive("connect-timeout", connectTimeout);
        requirePositive("read-timeout", readTimeout);
        requirePositive("timeout", timeout);
        // At most 3: every hop is one more place an attacker can steer the fetch to.
        if (maxRedirects < 0 || maxRedirects > 3) {
            throw new IllegalArgumentException("atelier.fetch.max-redirects must be 0-3: " + maxRedirects);
        }
    }

    /** Every setting at its default. */
    public static FetchProperties defaults() {
        return new FetchProperties(null, null, null, null, null, false, null);
    }

    public FetchProperties withAllowLoopback(boolean allow) {
        return new FetchProperties(maxBytes, connectTimeout, readTimeout, timeout, maxRedirects, allow, allowedHosts);
    }

    public FetchProperties withTimeouts(Duration connect, Duration read, Duration overall) {
        return new FetchProperties(maxBytes, connect, read, overall, maxRedirects, allowLoopback, allowedHosts);
    }

    public FetchProperties withMaxBytes(DataSize max) {
        return new FetchProperties(max, connectTimeout, readTimeout, timeout, maxRedirects, allowLoopback, allowedHosts);
    }

    public FetchProperties withAllowedHosts(List<String> hosts) {
        return new FetchProperties(maxBytes, connectTimeout, readTimeout, timeout, maxRedirects, allowLoopback, hosts);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("atelier.fetch." + name + " must be positive: " + value);
        }
    }
}
