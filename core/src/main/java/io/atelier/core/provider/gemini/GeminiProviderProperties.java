package io.atelier.core.provider.gemini;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.ConnectionProperties;
import io.atelier.core.provider.http.ProviderConnection;
import io.atelier.core.provider.http.ProviderSettings;
import io.atelier.core.provider.http.RetryProperties;

/**
 * The Google Gemini provider, under {@code atelier.providers.gemini}. On when {@code api-key} has text
 * ({@link ConditionalOnProviderSettings}); unset values take the defaults below, invalid ones fail the start.
 *
 * @param baseUrl         the API root including its version, default {@code https://generativelanguage.googleapis.com/v1beta}
 * @param apiKey          sent as {@code x-goog-api-key}. Never printed.
 * @param models          model names to expose as {@code gemini/<name>}, default {@code [gemini-2.5-flash-image]}
 * @param creditCosts     credits per image by model name, overriding the family default ({@code credit-costs[gemini-3-pro-image-preview]=15})
 * @param connectTimeout  longest wait for a connection, default 5s
 * @param readTimeout     longest wait for one answer, default 180s (4K images take a while)
 * @param maxAttempts     tries per image, the first included, default 3 (1 = no retries)
 * @param initialBackoff  backoff ceiling before the second try, default 500ms
 * @param maxBackoff      largest backoff ceiling, default 8s
 * @param maxRetryAfter   a longer {@code Retry-After} (or {@code RetryInfo.retryDelay}) fails the call instead of waiting, default 60s
 * @param maxResponseSize largest answer read (base64 4K images are large), default 64MB
 */
@ConfigurationProperties("atelier.providers.gemini")
public record GeminiProviderProperties(
        String baseUrl,
        String apiKey,
        List<String> models,
        Map<String, Integer> creditCosts,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        DataSize maxResponseSize) implements ConnectionProperties, RetryProperties {

    static final String PREFIX = "atelier.providers.gemini";
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    public static final String DEFAULT_MODEL = "gemini-2.5-flash-image";

    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.hosted(DEFAULT_BASE_URL, Duration.ofSeconds(180), DataSize.ofMegabytes(64));

    public GeminiProviderProperties {
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        models = ProviderSettings.names(models, List.of(DEFAULT_MODEL));
        creditCosts = ProviderSettings.creditCosts(PREFIX, creditCosts);
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
