package io.atelier.core.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-key request limits ({@code atelier.rate-limit.*}).
 *
 * @param perKey requests per minute per API key; 0 switches limiting off
 */
@ConfigurationProperties("atelier.rate-limit")
public record RateLimitProperties(@DefaultValue("600") int perKey) {
    public RateLimitProperties {
        if (perKey < 0) {
            throw new IllegalArgumentException("atelier.rate-limit.per-key must not be negative");
        }
    }
}
