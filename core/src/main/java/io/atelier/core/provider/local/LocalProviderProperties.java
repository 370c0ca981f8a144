package io.atelier.core.provider.local;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded {@code local/preview} provider.
 *
 * @param latency simulated backend time per request (default 0): the call waits this long,
 *                spread over its images and reporting progress, before returning. Lets demos and
 *                load tests behave like a remote model (queues fill, progress moves, cancel works)
 *                without one. Example: {@code atelier.providers.local.latency=2s}.
 */
@ConfigurationProperties("atelier.providers.local")
public record LocalProviderProperties(Duration latency) {

    public LocalProviderProperties {
        if (latency == null) {
            latency = Duration.ZERO;
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("atelier.providers.local.latency must not be negative: " + latency);
        }
    }

    /** No simulated latency. */
    public static LocalProviderProperties defaults() {
        return new LocalProviderProperties(Duration.ZERO);
    }
}
