package io.atelier.core.api.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code Idempotency-Key} handling ({@code atelier.idempotency.*}).
 *
 * @param enabled         honour the header on POST requests, default on
 * @param ttl             how long a key and its answer are kept, default 24 hours
 * @param inFlightTimeout how long a first request may stay unanswered before a retry with the same key
 *                        may take over (its instance died), default 10 minutes; longer than any synchronous wait
 * @param maxBodySize     largest JSON body fingerprinted and response stored; larger requests with a key are
 *                        refused with 413, default 64MB
 */
@ConfigurationProperties("atelier.idempotency")
public record IdempotencyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("24h") Duration ttl,
        @DefaultValue("10m") Duration inFlightTimeout,
        @DefaultValue("64MB") DataSize maxBodySize) {

    public IdempotencyProperties {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("atelier.idempotency.ttl must be positive");
        }
        if (inFlightTimeout.isNegative() || inFlightTimeout.isZero()) {
            throw new IllegalArgumentException("atelier.idempotency.in-flight-timeout must be positive");
        }
    }
}
