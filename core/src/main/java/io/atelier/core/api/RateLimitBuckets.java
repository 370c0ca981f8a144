package io.atelier.core.api;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/**
 * Where the {@link RateLimiter}'s token buckets live: in this JVM, or shared by every instance
 * (PostgreSQL, Redis) so that a key's limit holds across instances behind a load balancer.
 *
 * <p>Threading: called concurrently from request threads.
 */
interface RateLimitBuckets {

    /**
     * The bucket of {@code keyId}, created with {@code configuration} when it does not exist. The
     * returned bucket may be a proxy whose every call is a round trip to the shared store.
     */
    Bucket bucket(String keyId, Supplier<BucketConfiguration> configuration);
}
