package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Extra request headers (a chat platform's credentials for its own file URLs): sent to the URL's
 * origin, never carried along a redirect to another one, and refused when they could smuggle a
 * second header or override one the fetcher sets.
 */
class SafeFetchHeadersTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0};

    private HttpServer files;
    private HttpServer cdn;
    private final List<String> filesAuthorization = new CopyOnWriteArrayList<>();
    private final List<String> cdnAuthorization = new CopyOnWriteArrayList<>();
    private final SafeFetcherTest.ScriptedResolver resolver = new SafeFetcherTest.ScriptedResolver();

    @BeforeEach
    void start() throws IOException {
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cdn.createContext("/", exchange -> {
            cdnAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            exchange.getResponseBody().write(PNG);
            exchange.close();
        });
        cdn.start();
        files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            filesAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/x.png");
                exchange.sendResponseHeaders(302, -1);
            } else if (exchange.getRequestURI().getPath().equals("/same")) {
                exchange.getResponseHeaders().add("Location", "/x.png");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, PNG.length);
                exchange.getResponseBody().write(PNG);
            }
            exchange.close();
        });
        files.start();
        resolver.map("127.0.0.1", InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        files.stop(0);
        cdn.stop(0);
    }

    private SafeHttpFetcher fetcher() {
        return new SafeHttpFetcher(FetchProperties.defaults().withAllowLoopback(true), resolver);
    }

    private URI files(String path) {
        return URI.create("http://127.0.0.1:" + files.getAddress().getPort() + path);
    }

    @Test
    void headersReachTheOriginAndFollowRedirectsWithinIt() throws Exception {
        FetchedResource got = fetcher().fetch(files("/same"), FetchLimits.images(), Map.of("Authorization", "Bearer xoxb-1"));

        assertThat(got.bytes()).isEqualTo(PNG);
        assertThat(filesAuthorization).containsExactly("Bearer xoxb-1", "Bearer xoxb-1");
    }

    @Test
    void aRedirectToAnotherOriginDropsThem() throws Exception {
        FetchedResource got = fetcher().fetch(files("/moved"), FetchLimits.images(), Map.of("Authorization", "Bearer xoxb-1"));

        assertThat(got.bytes()).isEqualTo(PNG);
        assertThat(filesAuthorization).containsExactly("Bearer xoxb-1");
        assertThat(cdnAuthorization).containsExactly("null");
    }

    @Test
    void headersThatCouldSmuggleOrOverrideAreRefusedBeforeAnyConnection() {
        for (Map<String, String> bad : List.of(Map.of("Authorization", "Bearer x\r\nX-Evil: 1"), Map.of("Host", "evil.test"),
                Map.of("Bad Name", "v"), Map.of("Connection", "keep-alive"))) {
            assertThatThrownBy(() -> fetcher().fetch(files("/x.png"), FetchLimits.images(), bad))
                    .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).isEqualTo(FetchException.Code.URL_INVALID));
        }
        assertThat(filesAuthorization).isEmpty();
    }
}
