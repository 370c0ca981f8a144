package io.atelier.core.api;

import java.time.Duration;

/** The key used up its requests for now: 429, with {@code Retry-After} already set on the response. */
public class RateLimitExceededException extends RuntimeException {
    private final Duration retryAfter;

    public RateLimitExceededException(Duration retryAfter) {
        this("rate limit exceeded; retry in " + seconds(retryAfter) + " s", retryAfter);
    }

    protected RateLimitExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1: the value of {@code Retry-After}. */
    public static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
