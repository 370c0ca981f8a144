package io.atelier.core.storage.s3;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * S3-compatible image storage ({@code atelier.storage.s3.*}); on when {@code bucket} has text.
 *
 * @param bucket      the bucket holding the images; it must exist
 * @param endpoint    the service's base URL for S3-compatible servers (MinIO, Ceph, R2, s3proxy…); empty = AWS
 * @param region      signing region, default {@code us-east-1}
 * @param accessKey   access key id; empty = the SDK's default credential chain (environment, profile, instance role)
 * @param secretKey   secret access key, never logged
 * @param pathStyle   {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most
 *                    self-hosted servers need it
 * @param presign     answer image downloads with a redirect to a presigned GET URL instead of
 *                    streaming the bytes through this service
 * @param presignTtl  how long a presigned URL is valid, default 15 minutes, at most 7 days (SigV4's limit)
 * @param keyPrefix   prefix of the object keys, default {@code images/}
 */
@ConfigurationProperties("atelier.storage.s3")
public record S3StorageProperties(
        String bucket,
        URI endpoint,
        @DefaultValue("us-east-1") String region,
        String accessKey,
        String secretKey,
        @DefaultValue("false") boolean pathStyle,
        @DefaultValue("false") boolean presign,
        @DefaultValue("15m") Duration presignTtl,
        @DefaultValue("images/") String keyPrefix) {

    public S3StorageProperties {
        if (presignTtl.isNegative() || presignTtl.isZero() || presignTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("atelier.storage.s3.presign-ttl must be between 1s and 7d, not " + presignTtl);
        }
        if (endpoint != null && endpoint.toString().isBlank()) {
            endpoint = null;
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new IllegalArgumentException("atelier.storage.s3.endpoint must be an absolute http(s) URL, not " + endpoint);
        }
        boolean hasAccess = accessKey != null && !accessKey.isBlank();
        boolean hasSecret = secretKey != null && !secretKey.isBlank();
        if (hasAccess != hasSecret) {
            throw new IllegalArgumentException("atelier.storage.s3.access-key and .secret-key must be given together");
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank();
    }

    @Override
    public String toString() {
        return "S3StorageProperties[bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
                + ", accessKey=" + (hasStaticCredentials() ? accessKey : "default chain") + ", secretKey=****"
                + ", pathStyle=" + pathStyle + ", presign=" + presign + ", presignTtl=" + presignTtl
                + ", keyPrefix=" + keyPrefix + "]";
    }
}
