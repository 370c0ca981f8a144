package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The application with S3 image storage (s3proxy in process on loopback, SigV4, path-style,
 * presigned downloads): a generation's image lands in the bucket, its {@code /files/} URL redirects
 * to a presigned GET that serves the bytes, and deleting the generation removes the object. Nothing
 * is written to the data directory's image folder.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/s3-storage",
        "atelier.storage.s3.bucket=" + S3StorageAppTest.BUCKET,
        "atelier.storage.s3.access-key=" + S3StorageAppTest.IDENTITY,
        "atelier.storage.s3.secret-key=" + S3StorageAppTest.CREDENTIAL,
        "atelier.storage.s3.path-style=true",
        "atelier.storage.s3.presign=true",
        "atelier.storage.s3.presign-ttl=2m"
})
class S3StorageAppTest extends AppTestSupport {

    static final String BUCKET = "atelier-e2e";
    static final String IDENTITY = "e2e-access";
    static final String CREDENTIAL = "e2e-secret";

    private static final BlobStore BLOBS = new TransientNio2BlobStore();
    private static final S3Proxy S3 = startS3();

    private static S3Proxy startS3() {
        try {
            BLOBS.createContainer(BUCKET);
            S3Proxy proxy = S3Proxy.builder().blobStore(BLOBS).endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL).build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(5);
            }
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    @DynamicPropertySource
    static void s3Endpoint(DynamicPropertyRegistry registry) {
        registry.add("atelier.storage.s3.endpoint", () -> "http://127.0.0.1:" + S3.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3.stop();
    }

    @Test
    void generatedImagesLiveInTheBucketAndDownloadThroughPresignedRedirects() {
        ApiClient api = newTeam("s3 team", 1000);
        ApiClient.Response created = api.post("/api/v1/generations", Map.of("prompt", "a lighthouse stored in s3"),
                Map.of("Prefer", "wait=30"));
        assertThat(created.status()).as(new String(created.bytes())).isIn(200, 201);
        JsonNode data = created.json().get("data");
        assertThat(data.get("status").stringValue()).isEqualTo("success");
        String hash = data.at("/outputImage/sha256").stringValue();
        String key = "images/" + hash.substring(0, 2) + "/" + hash;
        assertThat(BLOBS.blobExists(BUCKET, key)).isTrue();
        assertThat(dataDir().resolve("images")).doesNotExist();

        String url = data.at("/outputImage/storageUrl").stringValue();
        ApiClient.Response redirect = anonymous().getAbsolute(url, Map.of());
        assertThat(redirect.status()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith("http://127.0.0.1:" + S3.getPort() + "/" + BUCKET + "/" + key + "?")
                .contains("X-Amz-Signature=");
        ApiClient.Response bytes = anonymous().getAbsolute(location, Map.of());
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.header("Content-Type")).isEqualTo("image/png");
        assertThat(bytes.bytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

        assertThat(api.delete("/api/v1/generations/" + data.get("id").stringValue()).status()).isEqualTo(200);
        assertThat(anonymous().getAbsolute(url, Map.of()).status()).isEqualTo(404);
        assertThat(BLOBS.blobExists(BUCKET, key)).isFalse();
    }
}
