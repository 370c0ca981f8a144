package io.atelier.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * HTTPS while connecting to the vetted address: the certificate must match the URL's host name,
 * not the address. A throwaway self-signed certificate for {@code images.test} is made with the
 * JDK's keytool; the server listens on 127.0.0.1 only.
 */
class SafeFetchTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static SSLContext clientTls;
    private static byte[] png;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("images-test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "images", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=images.test", "-ext", "SAN=dns:images.test", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        png = SafeFetcherTest.png(2, 2);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/image.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void verifiesTheCertificateAgainstTheHostNameWhileConnectingToTheVettedAddress() throws Exception {
        SafeFetcherTest.ScriptedResolver resolver = new SafeFetcherTest.ScriptedResolver();
        resolver.map("images.test", InetAddress.getLoopbackAddress());
        SafeFetcherTest.LoopbackOnlyConnector connector = new SafeFetcherTest.LoopbackOnlyConnector();

        FetchedResource resource = fetcher(resolver, connector).fetchImage(url("images.test"));

        assertThat(resource.bytes()).isEqualTo(png);
        assertThat(connector.attempts).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()));
    }

    @Test
    void refusesACertificateForAnotherName() throws IOException {
        SafeFetcherTest.ScriptedResolver resolver = new SafeFetcherTest.ScriptedResolver();
        resolver.map("other.test", InetAddress.getLoopbackAddress());

        FetchException e = catchThrowableOfType(FetchException.class,
                () -> fetcher(resolver, new SafeFetcherTest.LoopbackOnlyConnector()).fetchImage(url("other.test")));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(FetchException.Code.FETCH_FAILED);
    }

    private static SafeHttpFetcher fetcher(HostResolver resolver, SafeHttpFetcher.Connector connector) {
        return new SafeHttpFetcher(FetchProperties.defaults().withAllowLoopback(true), resolver, connector,
                clientTls.getSocketFactory());
    }

    private static URI url(String host) {
        return URI.create("https://" + host + ":" + port() + "/image.png");
    }

    private static int port() {
        return server.getAddress().getPort();
    }
}
