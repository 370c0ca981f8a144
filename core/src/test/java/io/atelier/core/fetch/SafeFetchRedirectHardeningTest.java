package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF list of issue 10 at the fetcher level, beyond {@link SafeFetcherTest}: embedded-IPv4 IPv6
 * forms as a resolver may really return them (IPv4-compatible, NAT64, 6to4, built from raw bytes so
 * the JDK does not normalise them), and redirects from a loopback server to other schemes, to the
 * cloud metadata address as a literal, and to its IPv4-mapped literal. Nothing connects anywhere but
 * loopback: the connector refuses, and records, any other address.
 */
class SafeFetchRedirectHardeningTest {

    private HttpServer server;
    private int port;
    private final SafeFetcherTest.ScriptedResolver resolver = new SafeFetcherTest.ScriptedResolver();
    private final SafeFetcherTest.LoopbackOnlyConnector connector = new SafeFetcherTest.LoopbackOnlyConnector();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/to/", exchange -> {
            String location = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().add("Location", URLDecoder.decode(location, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        port = server.getAddress().getPort();
        resolver.map("127.0.0.1", InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private SafeHttpFetcher fetcher() {
        return new SafeHttpFetcher(FetchProperties.defaults().withAllowLoopback(true), resolver, connector);
    }

    private URI redirectTo(String location) {
        return URI.create("http://127.0.0.1:" + port + "/to/?" + URLEncoder.encode(location, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://example.test/x.png",
            "jar:http://example.test/a.jar!/x", "dict://127.0.0.1:11211/stats"})
    void refusesRedirectsToOtherSchemes(String location) {
        assertThatThrownBy(() -> fetcher().fetch(redirectTo(location), FetchLimits.images(1_000_000)))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.code()).isIn(FetchException.Code.URL_NOT_ALLOWED, FetchException.Code.URL_INVALID));
        assertThat(connector.attempts).containsOnly(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/meta-data/",
            "http://[fd00:ec2::254]/latest/meta-data/", "http://100.100.100.200/latest/meta-data/"})
    void refusesRedirectsToMetadataLiteralsWithoutConnecting(String location) throws Exception {
        String host = URI.create(location).getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        resolver.map(bare, InetAddress.getByName(bare));

        assertThatThrownBy(() -> fetcher().fetch(redirectTo(location), FetchLimits.images(1_000_000)))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED));
        assertThat(connector.attempts).containsOnly(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void embeddedIpv4FormsFromTheResolverAreJudgedByTheEmbeddedAddress() throws Exception {
        List<byte[]> forms = List.of(
                // IPv4-compatible ::169.254.169.254 (deprecated form, refused outright)
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 169, (byte) 254, (byte) 169, (byte) 254},
                // NAT64 64:ff9b::10.0.0.5
                new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 5},
                // 6to4 2002:c0a8:0101:: (192.168.1.1)
                new byte[] {0x20, 0x02, (byte) 192, (byte) 168, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                // IPv4-mapped ::ffff:100.64.0.1 (CGNAT)
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 100, 64, 0, 1});
        int i = 0;
        for (byte[] form : forms) {
            String host = "embedded" + i++ + ".test";
            resolver.map(host, Inet6Address.getByAddress(null, form, -1));
            assertThatThrownBy(() -> fetcher().fetch(URI.create("http://" + host + "/a.png"), FetchLimits.images(1_000_000)))
                    .as(host)
                    .isInstanceOfSatisfying(FetchException.class,
                            e -> assertThat(e.code()).isEqualTo(FetchException.Code.URL_NOT_ALLOWED));
        }
        assertThat(connector.attempts).isEmpty();
    }

    @Test
    void moreThanThreeRedirectsCannotBeConfigured() {
        assertThatThrownBy(() -> new FetchProperties(null, null, null, null, 4, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-3");
    }
}
