package io.atelier.core.api;

import java.time.Duration;

/**
 * Too many failed authentications from one client address: 429 with {@code Retry-After} (already
 * set on the response), rendered by every dialect like its other rate limits. While it lasts, keys
 * presented from that address are not even checked.
 */
class AuthenticationThrottledException extends RateLimitExceededException {
    public AuthenticationThrottledException(Duration retryAfter) {
        super("too many failed authentication attempts from this address; retry in " + seconds(retryAfter) + " s", retryAfter);
    }
}
