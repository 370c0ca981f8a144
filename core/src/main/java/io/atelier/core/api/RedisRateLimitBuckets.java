package io.atelier.core.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Buckets in Redis shared by every instance on it (bucket4j's Lettuce proxy manager, compare-and-swap
 * per consumption). Keys are {@code <prefix><api key id>} and expire once the bucket would be full
 * again, so Redis holds only the keys in use.
 *
 * <p>One Lettuce connection, thread-safe and multiplexed, closed with the application.
 */
final class RedisRateLimitBuckets implements RateLimitBuckets, AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final LettuceBasedProxyManager<String> proxies;
    private final String keyPrefix;

    RedisRateLimitBuckets(String redisUrl, String keyPrefix) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.proxies = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Bucket bucket(String keyId, Supplier<BucketConfiguration> configuration) {
        return proxies.builder().build(keyPrefix + keyId, configuration);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
