package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The fetcher against a scripted resolver and a loopback server. Every connection goes through
 * {@link LoopbackOnlyConnector}, which records it and refuses (without opening a socket) anything
 * that is not loopback, so no test can reach another address even if the fetcher were wrong.
 */
class SafeFetcherTest {

    private HttpServer server;
    private ExecutorService serverThreads;
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final List<Map<String, String>> receivedRequests = new CopyOnWriteArrayList<>();
    private byte[] png;
    private int port;

    private final ScriptedResolver resolver = new ScriptedResolver();
    private final LoopbackOnlyConnector connector = new LoopbackOnlyConnector();

    @BeforeEach
    void startServer() throws IOException {
        png = png(3, 2);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        port = server.getAddress().getPort();
        server.createContext("/image.png", exchange -> respond(exchange, 200, "image/png", png, false));
        server.createContext("/chunked.png", exchange -> respond(exchange, 200, "image/png", png, true));
        server.createContext("/page.html", exchange -> respond(exchange, 200, "text/html; charset=utf-8",
                "<html></html>".getBytes(), false));
        server.createContext("/big.png", exchange -> respond(exchange, 200, "image/png", new byte[5000], false));
        server.createContext("/big-chunked.png", exchange -> respond(exchange, 200, "image/png", new byte[5000], true));
        server.createContext("/missing.png", exchange -> respond(exchange, 404, "text/plain", "no".getBytes(), false));
        server.createContext("/redirect-relative", exchange -> redirect(exchange, "/image.png"));
        server.createContext("/redirect-internal", exchange -> redirect(exchange, "http://internal.test/secret.png"));
        server.createContext("/redirect-loop", exchange -> redirect(exchange, "/redirect-loop"));
        server.createContext("/stall", exchange -> {
            record(exchange);
            try {
                releaseStalled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        resolver.map("127.0.0.1", InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopServer() {
        releaseStalled.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    // ---- refused before any connection ----

    @ParameterizedTest
    @ValueSource(strings = {
            "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "255.255.255.255", "127.0.0.1", "fd00::1", "fe80::1", "::1", "ff02::1"})
    void refusesNonPublicAddressesWithoutConnecting(String address) throws Exception {
        resolver.map("target.test", InetAddress.getByName(address));

        FetchException e = fetchFails(defaultFetcher(), "http://target.test/a.png");

        assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("target.test").doesNotContain(address);
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void refusesIpv4MappedIpv6FormOfPrivateAddressWithoutConnecting() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 5;
        resolver.map("mapped.test", Inet6Address.getByAddress(null, mapped, -1));

        assertThat(fetchFails(defaultFetcher(), "http://mapped.test/a.png").code())
                .isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void refusesWhenAnyResolvedAddressIsPrivateWithoutConnecting() throws Exception {
        resolver.map("mixed.test", InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"));

        assertThat(fetchFails(defaultFetcher(), "https://mixed.test/a.png").code())
                .isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void refusesLoopbackUnlessAllowed() {
        FetchException e = fetchFails(defaultFetcher(), "http://127.0.0.1:" + port + "/image.png");

        assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(connector.attempts).isEmpty();
        assertThat(receivedRequests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://files.test/a.png", "gopher://files.test/",
            "http://user:secret@files.test/a.png"})
    void refusesOtherSchemesAndCredentialsWithoutResolving(String url) {
        assertThat(fetchFails(defaultFetcher(), url).code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(resolver.lookups).isEmpty();
        assertThat(connector.attempts).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/a.png", "http:///a.png", "http://bad_host/a.png", "mailto:someone@files.test"})
    void refusesMalformedUrls(String url) {
        FetchException e = fetchFails(defaultFetcher(), url);

        assertThat(e.code()).isIn(FetchException.Code.URL_INVALID, FetchException.Code.URL_NOT_ALLOWED);
        assertThat(resolver.lookups).isEmpty();
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void refusesHostsOffTheAllowListWithoutResolving() throws Exception {
        resolver.map("cdn.example.test", InetAddress.getLoopbackAddress());
        SafeHttpFetcher fetcher = fetcher(loopbackAllowed().withAllowedHosts(List.of("*.images.test", "static.test")));

        assertThat(fetchFails(fetcher, "http://cdn.example.test:" + port + "/image.png").code())
                .isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(resolver.lookups).isEmpty();
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void allowListNarrowsButNeverLiftsAddressChecks() throws Exception {
        resolver.map("a.images.test", InetAddress.getByName("10.1.2.3"));
        SafeHttpFetcher fetcher = fetcher(FetchProperties.defaults().withAllowedHosts(List.of("*.images.test")));

        assertThat(fetchFails(fetcher, "http://a.images.test/x.png").code())
                .isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void unknownHostFailsAsFetchFailed() {
        assertThat(fetchFails(defaultFetcher(), "http://nowhere.test/a.png").code())
                .isEqualTo(FetchException.Code.FETCH_FAILED);
        assertThat(connector.attempts).isEmpty();
    }

    // ---- against the loopback server ----

    @Test
    void fetchesPngFromLoopbackWhenAllowed() throws Exception {
        FetchedResource resource = fetcher(loopbackAllowed()).fetchImage(url("/image.png"));

        assertThat(resource.bytes()).isEqualTo(png);
        assertThat(resource.mediaType()).isEqualTo("image/png");
        assertThat(resource.uri()).isEqualTo(url("/image.png"));
    }

    @Test
    void readsChunkedBodies() throws Exception {
        assertThat(fetcher(loopbackAllowed()).fetchImage(url("/chunked.png")).bytes()).isEqualTo(png);
    }

    @Test
    void connectsToTheVettedAddressAndSendsTheNameAsHost() throws Exception {
        // A rebinding resolver: public-looking first, private on any later lookup.
        resolver.rebind("images.test", InetAddress.getLoopbackAddress(), InetAddress.getByName("10.0.0.5"));

        FetchedResource resource = fetcher(loopbackAllowed()).fetchImage(URI.create("http://images.test:" + port + "/image.png"));

        assertThat(resource.bytes()).isEqualTo(png);
        assertThat(resolver.lookups).containsExactly("images.test");
        assertThat(connector.attempts).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        assertThat(receivedRequests).singleElement().satisfies(headers ->
                assertThat(headers).containsEntry("Host", "images.test:" + port));
    }

    @Test
    void followsRelativeRedirects() throws Exception {
        FetchedResource resource = fetcher(loopbackAllowed()).fetchImage(url("/redirect-relative"));

        assertThat(resource.bytes()).isEqualTo(png);
        assertThat(resource.uri()).isEqualTo(url("/image.png"));
        assertThat(receivedRequests).hasSize(2);
    }

    @Test
    void refusesRedirectToPrivateHostWithoutConnectingToIt() throws Exception {
        resolver.map("internal.test", InetAddress.getByName("10.0.0.5"));

        FetchException e = fetchFails(fetcher(loopbackAllowed()), url("/redirect-internal").toString());

        assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED);
        assertThat(resolver.lookups).contains("internal.test");
        assertThat(connector.attempts).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void stopsAfterTheConfiguredNumberOfRedirects() {
        FetchException e = fetchFails(fetcher(loopbackAllowed()), url("/redirect-loop").toString());

        assertThat(e.code()).isEqualTo(FetchException.Code.FETCH_FAILED);
        assertThat(e.getMessage()).contains("redirects");
        assertThat(receivedRequests).hasSize(4);
    }

    @Test
    void refusesBodiesLargerThanTheConfiguredMaximum() {
        SafeHttpFetcher fetcher = fetcher(loopbackAllowed().withMaxBytes(DataSize.ofBytes(1000)));

        assertThat(fetchFails(fetcher, url("/big.png").toString()).code()).isEqualTo(FetchException.Code.FETCH_TOO_LARGE);
        assertThat(fetchFails(fetcher, url("/big-chunked.png").toString()).code())
                .isEqualTo(FetchException.Code.FETCH_TOO_LARGE);
    }

    @Test
    void perCallLimitCanOnlyLowerTheMaximum() throws Exception {
        SafeHttpFetcher fetcher = fetcher(loopbackAllowed().withMaxBytes(DataSize.ofBytes(1000)));

        FetchException lowered = catchThrowableOfType(FetchException.class,
                () -> fetcher(loopbackAllowed()).fetch(url("/big-chunked.png"), FetchLimits.images(4999)));
        FetchException notRaised = catchThrowableOfType(FetchException.class,
                () -> fetcher.fetch(url("/big.png"), FetchLimits.images(10_000)));

        assertThat(lowered.code()).isEqualTo(FetchException.Code.FETCH_TOO_LARGE);
        assertThat(notRaised.code()).isEqualTo(FetchException.Code.FETCH_TOO_LARGE);
        assertThat(fetcher(loopbackAllowed()).fetch(url("/big.png"), FetchLimits.images(5000)).bytes()).hasSize(5000);
    }

    @Test
    void refusesContentTypesNotAllowed() throws Exception {
        FetchException e = fetchFails(fetcher(loopbackAllowed()), url("/page.html").toString());

        assertThat(e.code()).isEqualTo(FetchException.Code.UNSUPPORTED_MEDIA_TYPE);
        assertThat(e.getMessage()).contains("text/html");
        assertThat(fetcher(loopbackAllowed()).fetch(url("/page.html"), new FetchLimits(1000, List.of("text/html")))
                .mediaType()).isEqualTo("text/html");
    }

    @Test
    void errorStatusFailsWithFetchFailed() {
        FetchException e = fetchFails(fetcher(loopbackAllowed()), url("/missing.png").toString());

        assertThat(e.code()).isEqualTo(FetchException.Code.FETCH_FAILED);
        assertThat(e.getMessage()).contains("404");
    }

    @Test
    void stalledServerTimesOut() {
        SafeHttpFetcher fetcher = fetcher(loopbackAllowed()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(5)));

        assertThat(fetchFails(fetcher, url("/stall").toString()).code()).isEqualTo(FetchException.Code.FETCH_TIMEOUT);
    }

    @Test
    void overallTimeoutBoundsTheWholeFetch() {
        SafeHttpFetcher fetcher = fetcher(loopbackAllowed()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(300)));

        assertThat(fetchFails(fetcher, url("/stall").toString()).code()).isEqualTo(FetchException.Code.FETCH_TIMEOUT);
    }

    // ---- helpers ----

    private SafeHttpFetcher defaultFetcher() {
        return fetcher(FetchProperties.defaults());
    }

    private static FetchProperties loopbackAllowed() {
        return FetchProperties.defaults().withAllowLoopback(true);
    }

    private SafeHttpFetcher fetcher(FetchProperties properties) {
        return new SafeHttpFetcher(properties, resolver, connector);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static FetchException fetchFails(SafeHttpFetcher fetcher, String url) {
        FetchException e = catchThrowableOfType(FetchException.class, () -> fetcher.fetchImage(URI.create(url)));
        assertThat(e).as("fetch of %s should fail", url).isNotNull();
        return e;
    }

    private void record(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
        receivedRequests.add(headers);
    }

    private void respond(HttpExchange exchange, int status, String contentType, byte[] body, boolean chunked)
            throws IOException {
        record(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void redirect(HttpExchange exchange, String location) throws IOException {
        record(exchange);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    static byte[] png(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    /** Answers from a fixed table and records every lookup; unknown names fail like DNS would. */
    static final class ScriptedResolver implements HostResolver {
        final List<String> lookups = new CopyOnWriteArrayList<>();
        private final Map<String, List<List<InetAddress>>> answers = new HashMap<>();

        void map(String host, InetAddress... addresses) {
            answers.put(host, List.of(List.of(addresses)));
        }

        /** The first lookup answers {@code first}, every later one {@code later}. */
        void rebind(String host, InetAddress first, InetAddress later) {
            answers.put(host, List.of(List.of(first), List.of(later)));
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            lookups.add(host);
            List<List<InetAddress>> script = answers.get(host);
            if (script == null) {
                throw new UnknownHostException(host);
            }
            long earlier = lookups.stream().filter(host::equals).count() - 1;
            return script.get((int) Math.min(earlier, script.size() - 1));
        }
    }

    /** Records every connection attempt; opens sockets to loopback only and refuses anything else unopened. */
    static final class LoopbackOnlyConnector implements SafeHttpFetcher.Connector {
        final List<InetSocketAddress> attempts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException {
            attempts.add(address);
            if (!address.getAddress().isLoopbackAddress()) {
                throw new IOException("test connector refuses non-loopback " + address);
            }
            return SafeHttpFetcher.Connector.plain().connect(address, timeoutMillis);
        }
    }

    @Test
    void testConnectorNeverOpensNonLoopbackSockets() throws Exception {
        assertThatThrownBy(() -> connector.connect(new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 80), 100))
                .isInstanceOf(IOException.class);
    }
}
