package io.atelier.core.api;

import java.time.Duration;

/** The key used up its requests for now: 429, with {@code Retry-After} already set on the response. */
public class RateLimitExceededException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitExceededException(Duration retryAfter) {
        super("rate limit exceeded; retry in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
