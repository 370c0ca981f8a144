package io.atelier.core.storage.s3;

import io.atelier.core.storage.ContentHash;
import io.atelier.core.storage.ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Images in an S3-compatible bucket under {@code <prefix><ab>/<sha256>}.
 *
 * <p>Content-addressed, so a put is idempotent: an object that exists already (HEAD) is not written
 * again, and two instances racing to store the same image write the same bytes under the same key,
 * which S3 resolves to one object. S3 makes a completed PUT visible whole (strong read-after-write
 * consistency), which gives the atomicity {@link ImageStore} promises.
 *
 * <p>Thread-safe: the SDK clients are. Every call is a blocking HTTP round trip bounded by the
 * client's timeouts; SDK failures surface as {@link IOException}.
 */
final class S3ImageStore implements ImageStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final S3StorageProperties properties;

    /**
     * @param presigner null when downloads are streamed through the service
     */
    S3ImageStore(S3Client s3, S3Presigner presigner, S3StorageProperties properties) {
        this.s3 = s3;
        this.presigner = presigner;
        this.properties = properties;
    }

    @Override
    public String put(byte[] bytes) throws IOException {
        String hash = ContentHash.of(bytes);
        try {
            if (exists(hash)) {
                return hash;
            }
            s3.putObject(b -> b.bucket(properties.bucket()).key(keyOf(hash))
                            .contentType("application/octet-stream").contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("storing image " + hash + " in bucket " + properties.bucket() + " failed: " + e.getMessage(), e);
        }
        return hash;
    }

    @Override
    public Optional<InputStream> open(String contentHash) throws IOException {
        String key = keyOf(contentHash);
        try {
            return Optional.of(s3.getObject(GetObjectRequest.builder().bucket(properties.bucket()).key(key).build()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("reading image " + contentHash + " from bucket " + properties.bucket() + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("reading image " + contentHash + " from bucket " + properties.bucket() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String contentHash) throws IOException {
        try {
            // DELETE of an absent key succeeds in S3.
            s3.deleteObject(b -> b.bucket(properties.bucket()).key(keyOf(contentHash)));
        } catch (SdkException e) {
            throw new IOException("deleting image " + contentHash + " from bucket " + properties.bucket() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String contentHash) {
        try {
            s3.headObject(b -> b.bucket(properties.bucket()).key(keyOf(contentHash)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            // HEAD has no body, so a missing key arrives as a bare 404 rather than NoSuchKey.
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<URI> directDownloadUrl(String contentHash, String mimeType, String fileName) {
        if (presigner == null) {
            return Optional.empty();
        }
        GetObjectPresignRequest request = GetObjectPresignRequest.builder()
                .signatureDuration(properties.presignTtl())
                .getObjectRequest(b -> b.bucket(properties.bucket()).key(keyOf(contentHash))
                        .responseContentType(mimeType)
                        .responseContentDisposition("inline; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\""))
                .build();
        try {
            return Optional.of(presigner.presignGetObject(request).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    /** The object key of a blob; the hash is validated so no key can escape the prefix. */
    String keyOf(String hash) {
        if (!ContentHash.isValid(hash)) {
            throw new IllegalArgumentException("not a content hash: " + hash);
        }
        return properties.keyPrefix() + hash.substring(0, 2) + "/" + hash;
    }
}
