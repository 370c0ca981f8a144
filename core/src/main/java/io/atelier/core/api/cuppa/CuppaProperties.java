package io.atelier.core.api.cuppa;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Cuppa dialect ({@code atelier.cuppa.*}).
 *
 * @param syncTimeout how long {@code POST /v1/images} holds the response waiting for the image
 *                    (default 180 s, at most 300 s, below Spring MVC's async request timeout). When
 *                    it passes, the answer is 504 {@code generation_timeout} with the generation id;
 *                    the generation keeps running and its image later appears in {@code GET /v1/images}.
 */
@ConfigurationProperties("atelier.cuppa")
public record CuppaProperties(@DefaultValue("180s") Duration syncTimeout) {

    static final Duration MAX_SYNC_TIMEOUT = Duration.ofSeconds(300);

    public CuppaProperties {
        if (syncTimeout == null || syncTimeout.isNegative() || syncTimeout.isZero() || syncTimeout.compareTo(MAX_SYNC_TIMEOUT) > 0) {
            throw new IllegalArgumentException("atelier.cuppa.sync-timeout must be between 1ms and 300s: " + syncTimeout);
        }
    }
}
