package io.atelier.core.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.atelier.core.fetch.FetchException.Code;

/**
 * One hop's parsed URL (the first, or a redirect), checked for what {@link SafeHttpFetcher} fetches at all.
 *
 * @param uri           the URL as given
 * @param tls           https
 * @param host          the host for resolution and checks: lower case, IPv6 without brackets
 * @param port          the port to connect to
 * @param hostHeader    the {@code Host} header value
 * @param requestTarget path and query, ASCII
 */
record FetchTarget(URI uri, boolean tls, String host, int port, String hostHeader, String requestTarget) {

    static FetchTarget of(URI uri) throws FetchException {
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new FetchException(Code.URL_INVALID, "not an absolute http(s) URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(Code.URL_NOT_ALLOWED, "only http and https URLs can be fetched, not " + scheme);
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchException(Code.URL_NOT_ALLOWED, "URLs with credentials are not fetched");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isBlank()) {
            throw new FetchException(Code.URL_INVALID, "the URL has no valid host");
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new FetchException(Code.URL_INVALID, "invalid port " + port);
        }
        String hostLower = rawHost.toLowerCase(Locale.ROOT);
        String host = hostLower.startsWith("[") ? hostLower.substring(1, hostLower.length() - 1) : hostLower;
        String hostHeader = uri.getPort() == -1 ? hostLower : hostLower + ":" + uri.getPort();
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String requestTarget = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        if (!printableAscii(requestTarget) || !printableAscii(hostHeader)) {
            throw new FetchException(Code.URL_INVALID, "the URL has characters that cannot be sent");
        }
        return new FetchTarget(uri, tls, host, port, hostHeader, requestTarget);
    }

    /** Same scheme, host and port: where credentials given for the first URL may go. */
    boolean sameOrigin(FetchTarget other) {
        return tls == other.tls && port == other.port && host.equals(other.host);
    }

    /** The name as certificates and SNI know it: no trailing dot; empty for address literals. */
    Optional<String> tlsName() {
        if (host.contains(":") || host.matches("[0-9.]+")) {
            return Optional.empty();
        }
        return Optional.of(host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
    }

    private static boolean printableAscii(String text) {
        return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
