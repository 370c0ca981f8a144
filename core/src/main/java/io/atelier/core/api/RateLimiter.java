package io.atelier.core.api;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-key token buckets (bucket4j, in memory: the embedded default; scale-out swaps in shared
 * buckets). A bucket holds {@code perKey} tokens and refills them evenly over a minute.
 */
@Component
public class RateLimiter {

    private final int perMinute;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Outcome of one request against its key's bucket. */
    public record Decision(boolean allowed, long limit, long remaining, Duration resetIn, Duration retryAfter) {
    }

    RateLimiter(RateLimitProperties properties) {
        this.perMinute = properties.perKey();
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    public Decision tryConsume(String keyId) {
        Bucket bucket = buckets.computeIfAbsent(keyId, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long missing = perMinute - probe.getRemainingTokens();
        // Time until the bucket is full again: each token takes a minute / perMinute to come back.
        Duration resetIn = Duration.ofNanos(missing * Duration.ofMinutes(1).toNanos() / perMinute);
        return new Decision(probe.isConsumed(), perMinute, probe.getRemainingTokens(), resetIn,
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
