package io.atelier.core.fetch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.atelier.core.fetch.FetchException.Code;

/**
 * The one way to fetch a URL that came from a user or a remote backend (image URLs, edit sources,
 * provider results), safe against server-side request forgery.
 *
 * <p>For every hop (the URL and each redirect) it
 * <ol>
 *   <li>accepts only absolute {@code http}/{@code https} URLs without credentials, and only hosts on
 *       {@code atelier.fetch.allowed-hosts} when that list is set;</li>
 *   <li>resolves the host once through the {@link HostResolver} and refuses the URL when <em>any</em>
 *       address is not public unicast (see {@link AddressPolicy}), before any connection;</li>
 *   <li>connects to those vetted addresses themselves, never to the name: the request carries the
 *       name in its {@code Host} header, TLS sends it as SNI and checks the certificate against it.
 *       There is no second lookup, so a DNS answer that changes between check and connect (DNS
 *       rebinding) cannot reach a private address;</li>
 *   <li>speaks HTTP/1.1 itself ({@link HttpWire}) with {@code Connection: close}, following up to
 *       {@code max-redirects} redirects by hand.</li>
 * </ol>
 * Bodies are streamed and aborted past the byte limit; content types are checked before the body is
 * read; compressed bodies are refused (we ask for {@code identity}).
 *
 * <p>Time limits: each connection attempt (with its TLS handshake) waits at most
 * {@code connect-timeout}, each read at most {@code read-timeout}, and the whole fetch, redirects
 * included, at most {@code timeout}: every blocking read is armed with the time left, so a server
 * that trickles bytes cannot stretch it. A fetch blocks its calling thread and does not react to
 * interrupts; it ends within {@code timeout}.
 *
 * <p>Thread-safe and stateless between calls; one instance serves the whole application.
 */
@Component
public class SafeHttpFetcher {

    private static final Logger log = LoggerFactory.getLogger(SafeHttpFetcher.class);
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    /** Opens a TCP connection to an already vetted address; a seam for tests that must prove none is opened. */
    @FunctionalInterface
    interface Connector {
        Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;

        static Connector plain() {
            return (address, timeoutMillis) -> {
                Socket socket = new Socket();
                try {
                    socket.connect(address, timeoutMillis);
                    return socket;
                } catch (IOException | RuntimeException e) {
                    socket.close();
                    throw e;
                }
            };
        }
    }

    private final FetchProperties properties;
    private final HostResolver resolver;
    private final Connector connector;
    private final AddressPolicy addressPolicy;
    private final SSLSocketFactory tlsSockets;

    /** Spring's constructor: a {@link HostResolver} bean, when there is one, replaces the system resolver. */
    @Autowired
    public SafeHttpFetcher(FetchProperties properties, ObjectProvider<HostResolver> resolver) {
        this(properties, resolver.getIfAvailable(HostResolver::system), Connector.plain());
    }

    public SafeHttpFetcher(FetchProperties properties) {
        this(properties, HostResolver.system(), Connector.plain());
    }

    public SafeHttpFetcher(FetchProperties properties, HostResolver resolver) {
        this(properties, resolver, Connector.plain());
    }

    SafeHttpFetcher(FetchProperties properties, HostResolver resolver, Connector connector) {
        this(properties, resolver, connector, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** With the TLS sockets of a given trust store: for tests with a self-signed certificate. */
    SafeHttpFetcher(FetchProperties properties, HostResolver resolver, Connector connector, SSLSocketFactory tlsSockets) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.tlsSockets = Objects.requireNonNull(tlsSockets, "tlsSockets");
        this.addressPolicy = new AddressPolicy(properties.allowLoopback());
    }

    /** Fetches an image ({@code image/*}) of at most {@code atelier.fetch.max-bytes}. */
    public FetchedResource fetchImage(URI uri) throws FetchException {
        return fetch(uri, FetchLimits.images());
    }

    /**
     * Fetches {@code uri} with a {@code GET}, following redirects.
     *
     * @throws FetchException with a stable {@link FetchException.Code} on any failure
     */
    public FetchedResource fetch(URI uri, FetchLimits limits) throws FetchException {
        return fetch(uri, limits, Map.of());
    }

    /**
     * Fetches {@code uri} with extra request headers, such as the credentials a chat platform wants
     * for its own file URLs (Slack's {@code url_private} takes the bot token as a bearer token). The
     * headers go only to the URL's own origin (scheme, host and port): a redirect elsewhere (a CDN)
     * is followed without them, so credentials never leave the host they were meant for. Every other
     * rule of {@link #fetch(URI, FetchLimits)} applies unchanged.
     *
     * @throws FetchException {@code URL_INVALID} for a header name or value that cannot be sent
     */
    public FetchedResource fetch(URI uri, FetchLimits limits, Map<String, String> headers) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(headers, "headers");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!HttpWire.validHeader(header.getKey(), header.getValue())) {
                throw new FetchException(Code.URL_INVALID, "the request header " + header.getKey() + " cannot be sent");
            }
        }
        long maxBytes = Math.min(limits.maxBytes(), properties.maxBytes().toBytes());
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        URI current = uri;
        FetchTarget origin = null;
        for (int redirects = 0; ; redirects++) {
            FetchTarget target = FetchTarget.of(current);
            if (origin == null) {
                origin = target;
            }
            checkAllowedHost(target);
            List<InetAddress> addresses = resolveAndVet(target);
            Map<String, String> hopHeaders = target.sameOrigin(origin) ? headers : Map.of();
            Hop hop = exchange(target, addresses, limits, maxBytes, deadline, hopHeaders);
            if (hop instanceof Hop.Done(FetchedResource resource)) {
                return resource;
            }
            URI location = ((Hop.Redirect) hop).location();
            if (redirects >= properties.maxRedirects()) {
                throw new FetchException(Code.FETCH_FAILED,
                        "more than " + properties.maxRedirects() + " redirects, starting at " + uri.getHost());
            }
            log.debug("fetch of {} redirected to {}", target.host(), location.getHost());
            current = location;
        }
    }

    private sealed interface Hop {
        record Done(FetchedResource resource) implements Hop {
        }

        record Redirect(URI location) implements Hop {
        }
    }

    private void checkAllowedHost(FetchTarget target) throws FetchException {
        List<String> allowed = properties.allowedHosts();
        if (allowed.isEmpty()) {
            return;
        }
        String host = target.host().endsWith(".") ? target.host().substring(0, target.host().length() - 1) : target.host();
        for (String entry : allowed) {
            if (entry.startsWith("*.") ? host.endsWith(entry.substring(1)) : host.equals(entry)) {
                return;
            }
        }
        throw new FetchException(Code.URL_NOT_ALLOWED, "host " + target.host() + " is not on the allowed list");
    }

    private List<InetAddress> resolveAndVet(FetchTarget target) throws FetchException {
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            throw new FetchException(Code.FETCH_FAILED, "could not resolve host " + target.host(), e);
        }
        if (resolved == null || resolved.isEmpty()) {
            throw new FetchException(Code.FETCH_FAILED, "could not resolve host " + target.host());
        }
        List<InetAddress> vetted = new ArrayList<>(resolved.size());
        for (InetAddress address : resolved) {
            // Rebuilt from the raw bytes: no host name or scope travels on to the connector.
            InetAddress bare;
            try {
                bare = InetAddress.getByAddress(address.getAddress());
            } catch (UnknownHostException e) {
                throw new FetchException(Code.FETCH_FAILED, "could not resolve host " + target.host(), e);
            }
            Optional<String> refusal = addressPolicy.refusal(bare);
            if (refusal.isPresent()) {
                log.debug("refused fetch of {}: {} is {}", target.host(), bare.getHostAddress(), refusal.get());
                throw new FetchException(Code.URL_NOT_ALLOWED,
                        "host " + target.host() + " resolves to a non-public address");
            }
            vetted.add(bare);
        }
        return vetted;
    }

    private Hop exchange(FetchTarget target, List<InetAddress> addresses, FetchLimits limits, long maxBytes, long deadline,
                         Map<String, String> headers) throws FetchException {
        try (Socket socket = connect(target, addresses, deadline)) {
            InputStream in = new BufferedInputStream(
                    new DeadlineInputStream(socket, socket.getInputStream(), properties.readTimeout().toMillis(), deadline));
            HttpWire.writeGet(socket.getOutputStream(), target.requestTarget(), target.hostHeader(),
                    String.join(", ", limits.allowedContentTypes()), headers);
            HttpWire.ResponseHead head = HttpWire.readHead(in);
            int status = head.status();
            if (REDIRECT_STATUSES.contains(status)) {
                String location = head.first("location")
                        .orElseThrow(() -> new FetchException(Code.FETCH_FAILED, "redirect without a Location"));
                // URI.resolve drops the slash between an empty base path and a relative reference.
                URI base = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                        ? target.uri().resolve("/") : target.uri();
                try {
                    return new Hop.Redirect(base.resolve(URI.create(location)));
                } catch (IllegalArgumentException e) {
                    throw new FetchException(Code.URL_INVALID, "redirect to an invalid URL", e);
                }
            }
            if (status < 200 || status > 299) {
                throw new FetchException(Code.FETCH_FAILED, target.host() + " answered HTTP " + status);
            }
            String mediaType = head.first("content-type")
                    .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                    .orElse("");
            if (!limits.allows(mediaType)) {
                throw new FetchException(Code.UNSUPPORTED_MEDIA_TYPE, mediaType.isEmpty()
                        ? "the resource has no content type"
                        : "content type " + mediaType + " is not accepted");
            }
            Optional<String> encoding = head.first("content-encoding");
            if (encoding.isPresent() && !encoding.get().equalsIgnoreCase("identity")) {
                throw new FetchException(Code.FETCH_FAILED, "compressed responses are not accepted");
            }
            byte[] body = HttpWire.readBody(in, head, maxBytes);
            return new Hop.Done(new FetchedResource(target.uri(), mediaType, body));
        } catch (SocketTimeoutException e) {
            throw new FetchException(Code.FETCH_TIMEOUT, "fetching from " + target.host() + " timed out", e);
        } catch (IOException e) {
            throw new FetchException(Code.FETCH_FAILED, "fetching from " + target.host() + " failed: " + e.getMessage(), e);
        }
    }

    /** Connects to the vetted addresses in order until one answers; TLS is layered on the same socket. */
    private Socket connect(FetchTarget target, List<InetAddress> addresses, long deadline) throws IOException, FetchException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int timeout = millisLeft(deadline, properties.connectTimeout().toMillis());
            if (timeout <= 0) {
                throw new SocketTimeoutException("connect timed out");
            }
            Socket socket = null;
            try {
                socket = connector.connect(new InetSocketAddress(address, target.port()), timeout);
                return target.tls() ? startTls(socket, target, timeout) : socket;
            } catch (IOException e) {
                log.debug("connecting to {} for {} failed: {}", address.getHostAddress(), target.host(), e.toString());
                last = e;
                if (socket != null) {
                    socket.close();
                }
            }
        }
        throw last != null ? last : new IOException("no address to connect to");
    }

    private Socket startTls(Socket plain, FetchTarget target, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) tlsSockets.createSocket(plain, target.tlsName().orElse(target.host()), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        // Verify the certificate against the URL's host, not the address we connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        Optional<SNIHostName> serverName = target.tlsName().flatMap(SafeHttpFetcher::sniHostName);
        serverName.ifPresent(name -> parameters.setServerNames(List.of(name)));
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        return tls;
    }

    /** The SNI form of a host name; empty for names SNI cannot carry (the certificate is still checked). */
    private static Optional<SNIHostName> sniHostName(String name) {
        try {
            return Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int millisLeft(long deadline, long capMillis) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        return (int) Math.min(capMillis, left);
    }

    /** Arms every read with the smaller of the read timeout and the time left of the whole fetch. */
    private static final class DeadlineInputStream extends FilterInputStream {
        private final Socket socket;
        private final long readTimeoutMillis;
        private final long deadline;

        DeadlineInputStream(Socket socket, InputStream in, long readTimeoutMillis, long deadline) {
            super(in);
            this.socket = socket;
            this.readTimeoutMillis = readTimeoutMillis;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return super.read(b, off, len);
        }

        private void arm() throws IOException {
            int timeout = millisLeft(deadline, readTimeoutMillis);
            if (timeout <= 0) {
                throw new SocketTimeoutException("the fetch took longer than its overall timeout");
            }
            socket.setSoTimeout(timeout);
        }
    }
}
