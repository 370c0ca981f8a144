package io.atelier.core.provider.http;

import java.time.Duration;

import io.atelier.core.provider.RetryPolicy;

/**
 * A provider's properties record with the retry components ({@code max-attempts}, {@code initial-backoff},
 * {@code max-backoff}, {@code max-retry-after}), checked by {@link ProviderSettings#retryPolicy} in its
 * compact constructor; the record's accessors implement this.
 */
public interface RetryProperties {

    Integer maxAttempts();

    Duration initialBackoff();

    Duration maxBackoff();

    Duration maxRetryAfter();

    /** The retries of one backend call. */
    default RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts(), initialBackoff(), maxBackoff(), maxRetryAfter());
    }
}
