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
 * ({@link RateLimitBuckets}): in memory (the embedded default) or shared by every instance.
 *
 * <p>When a shared store cannot be reached the request is let through (and the failure logged at
 * most once a minute): a rate limiter outage must not become an API outage.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final int perMinute;
    private final RateLimitBuckets buckets;
    private final BucketConfiguration configuration;
    private final AtomicLong lastStoreWarning = new AtomicLong();

    /** Outcome of one request against its key's bucket. */
    public record Decision(boolean allowed, long limit, long remaining, Duration resetIn, Duration retryAfter) {
    }

    RateLimiter(RateLimitProperties properties, RateLimitBuckets buckets) {
        this.perMinute = properties.perKey();
        this.buckets = buckets;
        this.configuration = perMinute == 0 ? null : BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    public Decision tryConsume(String keyId) {
        ConsumptionProbe probe;
        try {
            probe = buckets.bucket(keyId, () -> configuration).tryConsumeAndReturnRemaining(1);
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
