package io.atelier.core.provider.openai;

import io.atelier.core.provider.http.ConditionalOnProviderSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;

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
        DataSize maxResponseSize) {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-image-1";

    public OpenAiProviderProperties {
        baseUrl = normalizeBaseUrl(baseUrl);
        apiKey = StringUtils.hasText(apiKey) ? apiKey.trim() : null;
        organization = StringUtils.hasText(organization) ? organization.trim() : null;
        models = models == null ? List.of()
                : models.stream().filter(Objects::nonNull).map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
        if (models.isEmpty()) {
            models = List.of(DEFAULT_MODEL);
        }
        creditCosts = creditCosts == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(creditCosts));
        creditCosts.forEach((model, cost) -> {
            if (cost == null || cost < 0) {
                throw new IllegalArgumentException(
                        "atelier.providers.openai.credit-costs[" + model + "] must not be negative: " + cost);
            }
        });
        connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(5));
        readTimeout = positive("read-timeout", readTimeout, Duration.ofSeconds(120));
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("atelier.providers.openai.max-attempts must be 1-10: " + maxAttempts);
        }
        initialBackoff = positive("initial-backoff", initialBackoff, Duration.ofMillis(500));
        maxBackoff = positive("max-backoff", maxBackoff, Duration.ofSeconds(8));
        maxRetryAfter = positive("max-retry-after", maxRetryAfter, Duration.ofSeconds(60));
        maxResponseSize = maxResponseSize == null ? DataSize.ofMegabytes(128) : maxResponseSize;
        if (maxResponseSize.toBytes() < 1 || maxResponseSize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("atelier.providers.openai.max-response-size must be 1B-2GB: " + maxResponseSize);
        }
    }

    /** The retries of one backend call. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
    }


    /** Never prints the API key. */
    @Override
    public String toString() {
        return "OpenAiProviderProperties[baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "(none)" : "****")
                + ", organization=" + organization
                + ", models=" + models
                + ", creditCosts=" + creditCosts
                + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout
                + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff
                + ", maxRetryAfter=" + maxRetryAfter
                + ", maxResponseSize=" + maxResponseSize + "]";
    }

    private static String normalizeBaseUrl(String baseUrl) {
        String url = StringUtils.hasText(baseUrl) ? baseUrl.trim() : DEFAULT_BASE_URL;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // The parser's message would repeat the URL, which may carry credentials.
            throw new IllegalArgumentException("atelier.providers.openai.base-url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("atelier.providers.openai.base-url must be an http(s) URL with a host"
                    + " and no credentials, query or fragment, like " + DEFAULT_BASE_URL);
        }
        return url;
    }

    private static Duration positive(String name, Duration value, Duration fallback) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException("atelier.providers.openai." + name + " must be positive: " + result);
        }
        return result;
    }
}
