package io.atelier.core.provider.replicate;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.ConnectionProperties;
import io.atelier.core.provider.http.ProviderConnection;
import io.atelier.core.provider.http.ProviderSettings;
import io.atelier.core.provider.http.RetryProperties;

/**
 * The Replicate provider, under {@code atelier.providers.replicate}. On when {@code api-key} has text
 * ({@link ConditionalOnProviderSettings}); unset values take the defaults below, invalid ones fail the start.
 *
 * @param baseUrl         the API root including its version, default {@code https://api.replicate.com/v1}
 * @param apiKey          the API token, sent as {@code Authorization: Bearer}. Never printed.
 * @param models          models to expose as {@code replicate/<owner>/<name>}: official models as
 *                        {@code owner/name}, community models pinned as {@code owner/name:version};
 *                        default {@code [black-forest-labs/flux-schnell]}
 * @param creditCosts     credits per image by model, overriding the family default
 * @param preferWait      how long the create call holds for the result ({@code Prefer: wait=N}), 1–60s,
 *                        default 10s. A generation canceled meanwhile is canceled on Replicate once the
 *                        create call answers, so this is also the longest a cancel may take.
 * @param pollInterval    pause between polls of {@code urls.get}, default 1s
 * @param maxDuration     longest a prediction may run before we cancel it and fail, default 10m
 * @param connectTimeout  longest wait for a connection, default 5s
 * @param readTimeout     longest wait for one answer (besides {@code prefer-wait}), default 30s
 * @param maxAttempts     tries per safe call (create on 429 or no connection, polls, downloads, cancels), default 3
 * @param initialBackoff  backoff ceiling before the second try, default 500ms
 * @param maxBackoff      largest backoff ceiling, default 8s
 * @param maxRetryAfter   a longer {@code Retry-After} fails the call instead of waiting, default 60s
 * @param maxResponseSize largest JSON answer read, default 8MB (images are downloaded by the safe fetcher,
 *                        under {@code atelier.fetch.max-bytes})
 */
@ConfigurationProperties("atelier.providers.replicate")
public record ReplicateProviderProperties(
        String baseUrl,
        String apiKey,
        List<String> models,
        Map<String, Integer> creditCosts,
        Duration preferWait,
        Duration pollInterval,
        Duration maxDuration,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        DataSize maxResponseSize) implements ConnectionProperties, RetryProperties {

    static final String PREFIX = "atelier.providers.replicate";
    public static final String DEFAULT_BASE_URL = "https://api.replicate.com/v1";
    public static final String DEFAULT_MODEL = "black-forest-labs/flux-schnell";
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9a-f]{8,128})?");

    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.hosted(DEFAULT_BASE_URL, Duration.ofSeconds(30), DataSize.ofMegabytes(8));

    public ReplicateProviderProperties {
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        models = ProviderSettings.names(models, List.of(DEFAULT_MODEL));
        for (String model : models) {
            if (!MODEL.matcher(model).matches()) {
                throw new IllegalArgumentException(PREFIX + ".models: '" + model
                        + "' is not owner/name or owner/name:version (a hex version id)");
            }
        }
        creditCosts = ProviderSettings.creditCosts(PREFIX, creditCosts);
        preferWait = ProviderSettings.positive(PREFIX, "prefer-wait", preferWait, Duration.ofSeconds(10));
        if (preferWait.toSeconds() < 1 || preferWait.toSeconds() > 60 || preferWait.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(PREFIX + ".prefer-wait must be whole seconds from 1s to 60s: " + preferWait);
        }
        pollInterval = ProviderSettings.positive(PREFIX, "poll-interval", pollInterval, Duration.ofSeconds(1));
        maxDuration = ProviderSettings.positive(PREFIX, "max-duration", maxDuration, Duration.ofMinutes(10));
        connectTimeout = connection.connectTimeout();
        readTimeout = connection.readTimeout();
        maxResponseSize = connection.maxResponseSize();
        RetryPolicy retries = ProviderSettings.retryPolicy(PREFIX, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
        maxAttempts = retries.maxAttempts();
        initialBackoff = retries.initialBackoff();
        maxBackoff = retries.maxBackoff();
        maxRetryAfter = retries.maxRetryAfter();
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return ProviderSettings.withoutSecrets(this);
    }
}
