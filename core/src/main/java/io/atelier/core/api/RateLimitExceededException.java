package io.atelier.core.api;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorCode;
import java.time.Duration;

/** The key used up its requests for now: 429, with {@code Retry-After} already set on the response. */
public class RateLimitExceededException extends AtelierException {

    public RateLimitExceededException(Duration retryAfter) {
        this("rate limit exceeded; retry in " + seconds(retryAfter) + " s", retryAfter);
    }

    protected RateLimitExceededException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMIT_EXCEEDED, null, message, retryAfter, null);
    }

    /** Whole seconds to wait, at least 1: the value of {@code Retry-After}. */
    public static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
