package io.atelier.core.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-key token buckets (bucket4j). A bucket holds {@code perKey} tokens and refills them evenly
 * over a minute. The buckets live where {@code atelier.rate-limit.store} says
 * ({@link RateLimitBuckets}): in memory (the embedded default) or shared by every instance. A key
 * is an API key id or a chat principal ({@code discord:<user>}): every surface spends from the same
 * bucket ({@link RequestGate}). Failed authentications spend from a second kind of bucket, per client
 * address ({@link #tryConsumeFailedAuthentication}).
 *
 * <p>When a shared store cannot be reached the request is let through (and the failure logged at
 * most once a minute): a rate limiter outage must not become an API outage.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    static final String FAILED_AUTH_PREFIX = "auth-failure:";

    private final int perMinute;
    private final int failuresPerMinute;
    private final RateLimitBuckets buckets;
    private final BucketConfiguration configuration;
    private final BucketConfiguration failureConfiguration;
    private final AtomicLong lastStoreWarning = new AtomicLong();

    /** Outcome of one request against its key's bucket. */
    public record Decision(boolean allowed, long limit, long remaining, Duration resetIn, Duration retryAfter) {
    }

    RateLimiter(RateLimitProperties properties, RateLimitBuckets buckets) {
        this.perMinute = properties.perKey();
        this.failuresPerMinute = properties.failedAuthPerAddress();
        this.buckets = buckets;
        this.configuration = perMinute(perMinute);
        this.failureConfiguration = perMinute(failuresPerMinute);
    }

    private static BucketConfiguration perMinute(int tokens) {
        return tokens == 0 ? null : BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofMinutes(1)).build())
                .build();
    }

    /** A limiter of {@code perKey} requests a minute with its buckets in this JVM (embedded use, tests). */
    public static RateLimiter inMemory(int perKey) {
        return new RateLimiter(RateLimitProperties.inMemory(perKey), new InMemoryRateLimitBuckets());
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    /** Whether failed authentications are throttled per address. */
    public boolean failedAuthenticationLimited() {
        return failuresPerMinute > 0;
    }

    /** One request of {@code keyId} (API key id or chat principal). */
    public Decision tryConsume(String keyId) {
        return consume(keyId, configuration, perMinute);
    }

    /** One failed authentication from {@code address}. */
    public Decision tryConsumeFailedAuthentication(String address) {
        return consume(FAILED_AUTH_PREFIX + address, failureConfiguration, failuresPerMinute);
    }

    private Decision consume(String id, BucketConfiguration config, int perMinute) {
        ConsumptionProbe probe;
        try {
            probe = buckets.bucket(id, () -> config).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            long last = lastStoreWarning.get();
            if ((last == 0 || now - last > Duration.ofMinutes(1).toNanos()) && lastStoreWarning.compareAndSet(last, now)) {
                log.warn("rate-limit store unavailable, letting requests through: {}", e.toString());
            }
            return new Decision(true, perMinute, perMinute, Duration.ZERO, Duration.ZERO);
        }
        long missing = perMinute - probe.getRemainingTokens();
        // Time until the bucket is full again: each token takes a minute / perMinute to come back.
        Duration resetIn = Duration.ofNanos(missing * Duration.ofMinutes(1).toNanos() / perMinute);
        return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), resetIn,
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
