package io.atelier.core.prompt.enhance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Prompt enhancement, under {@code atelier.prompt.enhancement}.
 *
 * @param timeout   longest wait for the LLM's rewrite; after it the rule-based result is used and
 *                  the generation says so in its warnings (default 10s)
 * @param cacheSize LLM rewrites kept in memory per (prompt, template, model) (default 1000; 0 = no cache)
 * @param useLlm    use the LLM when one is configured (default true); false = always rule-based
 */
@ConfigurationProperties("atelier.prompt.enhancement")
public record EnhancementProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1000") int cacheSize,
        @DefaultValue("true") boolean useLlm) {

    public EnhancementProperties {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("atelier.prompt.enhancement.timeout must be positive");
        }
        if (cacheSize < 0 || cacheSize > 1_000_000) {
            throw new IllegalArgumentException("atelier.prompt.enhancement.cache-size must be 0-1000000");
        }
    }

    public static EnhancementProperties defaults() {
        return new EnhancementProperties(Duration.ofSeconds(10), 1000, true);
    }
}
