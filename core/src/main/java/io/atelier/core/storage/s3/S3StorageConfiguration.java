package io.atelier.core.storage.s3;

import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.ObjectStorageCondition;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3-compatible image storage through the AWS SDK v2, on when {@code atelier.storage.s3.bucket} has
 * text; it then replaces the filesystem store. The HTTP client is the JDK's
 * {@code HttpURLConnection} (SDK {@code url-connection-client}): no Netty or Apache stack.
 *
 * <p>Checksums: the SDK's default since 2.30 adds CRC32 trailers to every upload, which several
 * S3-compatible servers reject; the store asks for checksums only where S3 requires them.
 *
 * <p>At start the bucket is checked (HEAD bucket) so a wrong name or credentials fail the start with
 * a clear message rather than the first generation.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ObjectStorageCondition.S3.class)
class S3StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(S3StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    S3Client atelierS3Client(S3StorageProperties properties) {
        return clientBuilder(properties).build();
    }

    static S3ClientBuilder clientBuilder(S3StorageProperties properties) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder;
    }

    @Bean
    ImageStore s3ImageStore(S3Client s3, S3StorageProperties properties) {
        S3Presigner presigner = properties.presign() ? presigner(properties) : null;
        try {
            s3.headBucket(b -> b.bucket(properties.bucket()));
        } catch (S3Exception e) {
            throw new IllegalStateException("S3 image storage: bucket '" + properties.bucket() + "' at "
                    + (properties.endpoint() == null ? "AWS " + properties.region() : properties.endpoint())
                    + " is not usable (HTTP " + e.statusCode() + "): create it and check the credentials", e);
        }
        log.info("image storage: S3 bucket {} at {} ({}, downloads {})", properties.bucket(),
                properties.endpoint() == null ? "AWS " + properties.region() : properties.endpoint(),
                properties.pathStyle() ? "path-style" : "virtual-host",
                properties.presign() ? "presigned for " + properties.presignTtl() : "streamed");
        return new S3ImageStore(s3, presigner, properties);
    }

    static S3Presigner presigner(S3StorageProperties properties) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials(properties))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(properties.pathStyle()).build());
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3StorageProperties properties) {
        return properties.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }
}
