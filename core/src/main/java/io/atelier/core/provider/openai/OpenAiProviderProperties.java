package io.atelier.core.provider.openai;

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
 * The OpenAI-compatible provider, under {@code atelier.providers.openai}. The provider is on when
 * {@code base-url} or {@code api-key} has text (see {@link ConditionalOnProviderSettings}); unset values take
 * the defaults below, invalid ones fail the start.
 *
 * @param baseUrl         the API root including its version, default {@code https://api.openai.com/v1};
 *                        e.g. {@code https://api.apertis.ai/v1}, {@code http://localhost:8080/v1} (LocalAI)
 * @param apiKey          sent as {@code Authorization: Bearer}; none when unset (local servers). Never printed.
 * @param organization    sent as {@code OpenAI-Organization} when set
 * @param models          model names to expose as {@code openai/<name>}, default {@code [gpt-image-1]}
 * @param creditCosts     credits per image by model name, overriding the defaults of its family
 *                        ({@code credit-costs[dall-e-3]=6})
 * @param connectTimeout  longest wait for a connection, default 5s
 * @param readTimeout     longest wait for the backend's answer to one request, default 120s
 * @param maxAttempts     tries per request, the first included, default 3 (1 = no retries)
 * @param initialBackoff  backoff ceiling before the second try, default 500ms
 * @param maxBackoff      largest backoff ceiling, default 8s
 * @param maxRetryAfter   a longer {@code Retry-After} fails the call instead of waiting, default 60s
 * @param maxResponseSize largest answer read (base64 images are large), default 128MB
 */
@ConfigurationProperties("atelier.providers.openai")
public record OpenAiProviderProperties(
        String baseUrl,
        String apiKey,
        String organization,
        List<String> models,
        Map<String, Integer> creditCosts,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        DataSize maxResponseSize) implements ConnectionProperties, RetryProperties {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-image-1";

    static final String PREFIX = "atelier.providers.openai";
    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.hosted(DEFAULT_BASE_URL, Duration.ofSeconds(120), DataSize.ofMegabytes(128));

    public OpenAiProviderProperties {
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        connectTimeout = connection.connectTimeout();
        readTimeout = connection.readTimeout();
        maxResponseSize = connection.maxResponseSize();
        RetryPolicy retries = ProviderSettings.retryPolicy(PREFIX, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
        maxAttempts = retries.maxAttempts();
        initialBackoff = retries.initialBackoff();
        maxBackoff = retries.maxBackoff();
        maxRetryAfter = retries.maxRetryAfter();
        organization = ProviderSettings.text(organization);
        models = ProviderSettings.names(models, List.of(DEFAULT_MODEL));
        creditCosts = ProviderSettings.creditCosts(PREFIX, creditCosts);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return ProviderSettings.withoutSecrets(this);
    }
}
