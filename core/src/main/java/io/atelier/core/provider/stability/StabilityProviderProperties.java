package io.atelier.core.provider.stability;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.ConnectionProperties;
import io.atelier.core.provider.http.ProviderConnection;
import io.atelier.core.provider.http.ProviderSettings;
import io.atelier.core.provider.http.RetryProperties;

/**
 * The Stability AI provider, under {@code atelier.providers.stability}. On when {@code api-key} has text
 * ({@link ConditionalOnProviderSettings}); unset values take the defaults below, invalid ones fail the start.
 *
 * @param baseUrl         the API root, default {@code https://api.stability.ai}
 * @param apiKey          sent as {@code Authorization: Bearer}. Never printed.
 * @param models          models to expose as {@code stability/<name>}: {@code ultra}, {@code core}, or an
 *                        SD3 model ({@code sd3.5-large}, {@code sd3.5-large-turbo}, {@code sd3.5-medium},
 *                        {@code sd3.5-flash}); default {@code [ultra, core, sd3.5-large]}
 * @param creditCosts     credits per image by model name, overriding the defaults ({@code credit-costs[ultra]=10})
 * @param outputFormat    {@code png} (default), {@code jpeg} or {@code webp}; a request's {@code output_format} option wins
 * @param connectTimeout  longest wait for a connection, default 5s
 * @param readTimeout     longest wait for one answer, default 120s
 * @param maxAttempts     tries per image, the first included, default 3 (1 = no retries)
 * @param initialBackoff  backoff ceiling before the second try, default 500ms
 * @param maxBackoff      largest backoff ceiling, default 8s
 * @param maxRetryAfter   a longer {@code Retry-After} fails the call instead of waiting, default 60s
 * @param maxResponseSize largest answer read, default 32MB
 */
@ConfigurationProperties("atelier.providers.stability")
public record StabilityProviderProperties(
        String baseUrl,
        String apiKey,
        List<String> models,
        Map<String, Integer> creditCosts,
        String outputFormat,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        DataSize maxResponseSize) implements ConnectionProperties, RetryProperties {

    static final String PREFIX = "atelier.providers.stability";
    public static final String DEFAULT_BASE_URL = "https://api.stability.ai";
    static final Set<String> OUTPUT_FORMATS = Set.of("png", "jpeg", "webp");

    private static final ProviderConnection.Defaults CONNECTION =
            ProviderConnection.Defaults.hosted(DEFAULT_BASE_URL, Duration.ofSeconds(120), DataSize.ofMegabytes(32));

    public StabilityProviderProperties {
        ProviderConnection connection = ProviderConnection.of(PREFIX, CONNECTION, baseUrl, apiKey, connectTimeout,
                readTimeout, maxResponseSize);
        baseUrl = connection.baseUrl();
        apiKey = connection.apiKey();
        models = ProviderSettings.names(models, List.of("ultra", "core", "sd3.5-large"));
        for (String model : models) {
            if (StabilityModels.familyOf(model).isEmpty()) {
                throw new IllegalArgumentException(PREFIX + ".models: unknown Stability model '" + model
                        + "' (known: ultra, core, sd3.5-large, sd3.5-large-turbo, sd3.5-medium, sd3.5-flash, sd3-*)");
            }
        }
        creditCosts = ProviderSettings.creditCosts(PREFIX, creditCosts);
        outputFormat = ProviderSettings.text(outputFormat) == null ? "png" : outputFormat.trim().toLowerCase(Locale.ROOT);
        if (!OUTPUT_FORMATS.contains(outputFormat)) {
            throw new IllegalArgumentException(PREFIX + ".output-format must be png, jpeg or webp: " + outputFormat);
        }
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
