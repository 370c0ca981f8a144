package io.atelier.core.provider.resilience;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.atelier.core.provider.RetryPolicy;

/**
 * Time limits, retries, circuit breakers and fallback models for every image provider, under
 * {@code atelier.resilience}. {@code defaults} apply to all providers; {@code providers.<id>} overrides
 * them field by field for one provider ({@code openai}, {@code automatic1111}, {@code comfyui} …).
 * Connect and read timeouts of single HTTP exchanges are each provider's own
 * ({@code atelier.providers.<id>.connect-timeout}, {@code .read-timeout}); the {@code call-timeout}
 * here bounds one whole attempt (queueing, progress, downloads).
 *
 * <pre>
 * atelier.resilience.defaults.max-attempts=3
 * atelier.resilience.providers.openai.call-timeout=3m
 * atelier.resilience.providers.comfyui.breaker.open-duration=1m
 * atelier.resilience.fallback[automatic1111]=local/preview
 * atelier.resilience.fallback[openai/gpt-image-1]=automatic1111/default
 * </pre>
 *
 * @param defaults  settings of every provider
 * @param providers per-provider overrides by provider id
 * @param fallback  fallback model by model id ({@code openai/gpt-image-1}) or provider id
 *                  ({@code openai}); the model id wins. Written with brackets since ids hold slashes.
 */
@ConfigurationProperties("atelier.resilience")
public record ResilienceProperties(Settings defaults, Map<String, Settings> providers, Map<String, String> fallback) {

    /** Self-hosted backends bill nothing, so repeating a call that may have started only costs compute. */
    static final Set<String> SELF_HOSTED = Set.of("local", "automatic1111", "comfyui");

    /**
     * Providers that already retry inside one call under their own {@code atelier.providers.<id>.max-attempts}
     * (with the billing rule of the hosted APIs). This layer tries them once by default, so a 429 is not
     * retried attempts × attempts times; set {@code providers.<id>.max-attempts} to change it.
     */
    static final Set<String> RETRY_INSIDE = Set.of("openai", "gemini", "stability", "replicate");

    public ResilienceProperties {
        defaults = defaults == null ? Settings.EMPTY : defaults;
        providers = providers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(providers));
        fallback = fallback == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(fallback));
    }

    /** The complete settings of one provider: its overrides, then the defaults, then built-in values. */
    Resolved resolve(String providerId) {
        Settings own = providers.getOrDefault(providerId, Settings.EMPTY);
        Breaker ownBreaker = own.breaker() == null ? Breaker.EMPTY : own.breaker();
        Breaker defaultBreaker = defaults.breaker() == null ? Breaker.EMPTY : defaults.breaker();
        Resolved resolved = new Resolved(
                first(own.maxAttempts(), RETRY_INSIDE.contains(providerId) ? null : defaults.maxAttempts(),
                        RETRY_INSIDE.contains(providerId) ? 1 : 3),
                first(own.initialBackoff(), defaults.initialBackoff(), Duration.ofMillis(500)),
                first(own.maxBackoff(), defaults.maxBackoff(), Duration.ofSeconds(8)),
                first(own.maxRetryAfter(), defaults.maxRetryAfter(), Duration.ofSeconds(60)),
                first(own.callTimeout(), defaults.callTimeout(), Duration.ofMinutes(10)),
                first(own.retryAfterStart(), defaults.retryAfterStart(), SELF_HOSTED.contains(providerId)),
                first(ownBreaker.enabled(), defaultBreaker.enabled(), true),
                first(ownBreaker.failureRateThreshold(), defaultBreaker.failureRateThreshold(), 50f),
                first(ownBreaker.slidingWindowSize(), defaultBreaker.slidingWindowSize(), 10),
                first(ownBreaker.minimumCalls(), defaultBreaker.minimumCalls(), 5),
                first(ownBreaker.openDuration(), defaultBreaker.openDuration(), Duration.ofSeconds(30)),
                first(ownBreaker.halfOpenCalls(), defaultBreaker.halfOpenCalls(), 2));
        resolved.validate("atelier.resilience." + (providers.containsKey(providerId) ? "providers." + providerId : "defaults"));
        return resolved;
    }

    private static <T> T first(T own, T shared, T builtIn) {
        return own != null ? own : shared != null ? shared : builtIn;
    }

    /**
     * Settings as written; unset fields inherit.
     *
     * @param maxAttempts     tries per call, the first included (1 = no retry), default 3
     * @param initialBackoff  backoff ceiling before the second try (full jitter), default 500ms
     * @param maxBackoff      largest backoff ceiling, default 8s
     * @param maxRetryAfter   a longer {@code Retry-After} fails the call instead of waiting, default 60s
     * @param callTimeout     longest one attempt may take in all, default 10m
     * @param retryAfterStart whether a failure after which the backend may have started (and billed) the
     *                        work is retried; default true for self-hosted providers ({@code local},
     *                        {@code automatic1111}, {@code comfyui}), false for hosted ones
     * @param breaker         the circuit breaker
     */
    public record Settings(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                           Duration callTimeout, Boolean retryAfterStart, Breaker breaker) {
        static final Settings EMPTY = new Settings(null, null, null, null, null, null, null);
    }

    /**
     * The circuit breaker of one provider (resilience4j, count-based window). Retriable failures
     * (timeouts, 429, 5xx, resets) count as failures; bad requests, content-policy refusals and cancels do not.
     *
     * @param enabled              default true
     * @param failureRateThreshold percent of failed calls in the window that opens it, default 50
     * @param slidingWindowSize    calls in the window, default 10
     * @param minimumCalls         calls before the rate is judged, default 5
     * @param openDuration         how long it stays open before letting trial calls through, default 30s
     * @param halfOpenCalls        trial calls while half-open, default 2
     */
    public record Breaker(Boolean enabled, Float failureRateThreshold, Integer slidingWindowSize, Integer minimumCalls,
                          Duration openDuration, Integer halfOpenCalls) {
        static final Breaker EMPTY = new Breaker(null, null, null, null, null, null);
    }

    /** Settings with every value filled in. */
    record Resolved(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                    Duration callTimeout, boolean retryAfterStart, boolean breakerEnabled, float failureRateThreshold,
                    int slidingWindowSize, int minimumCalls, Duration openDuration, int halfOpenCalls) {

        RetryPolicy retryPolicy() {
            return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
        }

        void validate(String prefix) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException(prefix + ".max-attempts must be 1-10: " + maxAttempts);
            }
            for (Map.Entry<String, Duration> d : Map.of("initial-backoff", initialBackoff, "max-backoff", maxBackoff,
                    "max-retry-after", maxRetryAfter, "call-timeout", callTimeout, "breaker.open-duration", openDuration).entrySet()) {
                if (d.getValue().isNegative() || d.getValue().isZero()) {
                    throw new IllegalArgumentException(prefix + "." + d.getKey() + " must be positive: " + d.getValue());
                }
            }
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new IllegalArgumentException(prefix + ".breaker.failure-rate-threshold must be 1-100: " + failureRateThreshold);
            }
            if (slidingWindowSize < 1 || minimumCalls < 1 || halfOpenCalls < 1) {
                throw new IllegalArgumentException(prefix + ".breaker sliding-window-size, minimum-calls and half-open-calls must be at least 1");
            }
        }
    }
}
