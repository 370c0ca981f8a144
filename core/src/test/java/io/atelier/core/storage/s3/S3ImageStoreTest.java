package io.atelier.core.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.storage.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The S3 image store against s3proxy (in-process, loopback, SigV4 checked). */
class S3ImageStoreTest {

    private static final String BUCKET = "atelier-images";

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static S3StorageProperties properties(boolean pathStyle, boolean presign, URI endpoint) {
        return new S3StorageProperties(BUCKET, endpoint, "us-east-1", S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL,
                pathStyle, presign, Duration.ofMinutes(5), "images/");
    }

    private static S3ImageStore store(boolean presign, S3Client client) {
        S3StorageProperties p = properties(true, presign, server.endpoint());
        return new S3ImageStore(client, presign ? S3StorageConfiguration.presigner(p) : null, p);
    }

    private static S3Client client() {
        return new S3StorageConfiguration().atelierS3Client(properties(true, false, server.endpoint()));
    }

    @Test
    void storesReadsAndDeletesContentAddressedBlobs() throws Exception {
        try (S3Client client = client()) {
            S3ImageStore store = store(false, client);
            byte[] bytes = "an image's bytes".getBytes();
            String hash = store.put(bytes);
            assertThat(hash).isEqualTo(ContentHash.of(bytes));
            assertThat(store.exists(hash)).isTrue();
            // The key is prefixed and fanned out by the hash's first byte.
            assertThat(server.blobStore().blobExists(BUCKET, "images/" + hash.substring(0, 2) + "/" + hash)).isTrue();
            try (InputStream in = store.open(hash).orElseThrow()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            store.delete(hash);
            assertThat(store.exists(hash)).isFalse();
            assertThat(store.open(hash)).isEmpty();
            store.delete(hash); // absent: no error
        }
    }

    @Test
    void anImageIsUploadedOnceHoweverOftenItIsStored() throws Exception {
        AtomicInteger puts = new AtomicInteger();
        ExecutionInterceptor countPuts = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                // Once per API call, whatever the SDK's retries.
                if (context.request() instanceof PutObjectRequest) {
                    puts.incrementAndGet();
                }
            }
        };
        S3StorageProperties p = properties(true, false, server.endpoint());
        try (S3Client client = S3StorageConfiguration.clientBuilder(p)
                .overrideConfiguration(c -> c.addExecutionInterceptor(countPuts)).build()) {
            S3ImageStore store = new S3ImageStore(client, null, p);
            byte[] bytes = ("stored twice " + System.nanoTime()).getBytes();
            String first = store.put(bytes);
            String second = store.put(bytes);
            assertThat(second).isEqualTo(first);
            assertThat(puts).hasValue(1);
        }
    }

    @Test
    void wrongCredentialsFailLoudly() {
        S3StorageProperties wrong = new S3StorageProperties(BUCKET, server.endpoint(), "us-east-1", S3ProxyServer.IDENTITY,
                "not-the-secret", true, false, Duration.ofMinutes(5), "images/");
        try (S3Client client = new S3StorageConfiguration().atelierS3Client(wrong)) {
            S3ImageStore store = new S3ImageStore(client, null, wrong);
            assertThatThrownBy(() -> store.put("x".getBytes())).isInstanceOf(IOException.class)
                    .hasMessageContaining(BUCKET);
        }
    }

    @Test
    void presignedUrlDownloadsTheBytesWithTheImageType() throws Exception {
        try (S3Client client = client()) {
            S3ImageStore store = store(true, client);
            byte[] bytes = ("presigned " + System.nanoTime()).getBytes();
            String hash = store.put(bytes);
            URI url = store.directDownloadUrl(hash, "image/png", "abc.png").orElseThrow();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(url.getPath()).isEqualTo("/" + BUCKET + "/images/" + hash.substring(0, 2) + "/" + hash);
            assertThat(url.getQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            assertThat(connection.getResponseCode()).isEqualTo(200);
            assertThat(connection.getContentType()).isEqualTo("image/png");
            try (InputStream in = connection.getInputStream()) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            // Without the signature the object is not public.
            URI unsigned = URI.create(url.toString().substring(0, url.toString().indexOf('?')));
            HttpURLConnection anonymous = (HttpURLConnection) unsigned.toURL().openConnection();
            assertThat(anonymous.getResponseCode()).isEqualTo(403);
        }
    }

    @Test
    void withoutPresignDownloadsAreStreamedByTheService() throws Exception {
        try (S3Client client = client()) {
            assertThat(store(false, client).directDownloadUrl(ContentHash.of(new byte[1]), "image/png", "a.png")).isEqualTo(Optional.empty());
        }
    }

    @Test
    void virtualHostAddressingPutsTheBucketInTheHostName() {
        // Presigning builds the request URL offline, so this needs no server (and connects nowhere).
        S3StorageProperties p = properties(false, true, URI.create("https://objects.example.test:9000"));
        URI url = new S3ImageStore(null, S3StorageConfiguration.presigner(p), p)
                .directDownloadUrl(ContentHash.of(new byte[1]), "image/webp", "x.webp").orElseThrow();
        assertThat(url.getHost()).isEqualTo(BUCKET + ".objects.example.test");
        assertThat(url.getPort()).isEqualTo(9000);
        assertThat(url.getPath()).startsWith("/images/");
        S3StorageProperties pathStyle = properties(true, true, URI.create("https://objects.example.test:9000"));
        URI pathUrl = new S3ImageStore(null, S3StorageConfiguration.presigner(pathStyle), pathStyle)
                .directDownloadUrl(ContentHash.of(new byte[1]), "image/webp", "x.webp").orElseThrow();
        assertThat(pathUrl.getHost()).isEqualTo("objects.example.test");
        assertThat(pathUrl.getPath()).startsWith("/" + BUCKET + "/images/");
    }

    @Test
    void rejectsKeysThatAreNotContentHashes() {
        S3StorageProperties p = properties(true, false, server.endpoint());
        S3ImageStore store = new S3ImageStore(null, null, p);
        for (String bad : List.of("../etc/passwd", "ABC", "")) {
            assertThatThrownBy(() -> store.keyOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void propertiesValidateTogetherness() {
        assertThatThrownBy(() -> new S3StorageProperties(BUCKET, null, "us-east-1", "id", null, false, false,
                Duration.ofMinutes(1), "")).hasMessageContaining("together");
        assertThatThrownBy(() -> new S3StorageProperties(BUCKET, null, "us-east-1", null, null, false, false,
                Duration.ofDays(8), "")).hasMessageContaining("presign-ttl");
        assertThat(new S3StorageProperties(BUCKET, null, "us-east-1", "id", "s3cr3t-value", false, false,
                Duration.ofMinutes(1), "").toString()).doesNotContain("s3cr3t-value");
    }
}
