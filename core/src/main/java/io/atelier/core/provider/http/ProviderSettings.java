package io.atelier.core.provider.http;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.atelier.core.provider.RetryPolicy;

/**
 * Checks and defaults for the settings of every provider under {@code atelier.providers.<id>}:
 * messages name the property, and never repeat a URL (it may carry credentials) or a key.
 * {@code prefix} is the provider's prefix without a trailing dot, e.g. {@code atelier.providers.gemini}.
 */
public final class ProviderSettings {

    private ProviderSettings() {
    }

    /**
     * The base URL without trailing slashes; {@code fallback} when blank (null when the fallback is null:
     * an unset self-hosted address); http(s), a host, no credentials/query/fragment.
     *
     * @param example a valid URL the message shows
     */
    public static String baseUrl(String prefix, String value, String fallback, String example) {
        String url = StringUtils.hasText(value) ? value.trim() : fallback;
        if (url == null) {
            return null;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + ".base-url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(prefix + ".base-url must be an http(s) URL with a host"
                    + " and no credentials, query or fragment, like " + example);
        }
        return url;
    }

    /**
     * A settings record as {@code Name[component=value, …]} with its {@code apiKey} shown as
     * {@code ****} (or {@code (none)}): the one {@code toString} of every provider's properties.
     */
    public static String withoutSecrets(Record settings) {
        StringJoiner text = new StringJoiner(", ", settings.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(settings);
            } catch (ReflectiveOperationException e) {
                value = "?";
            }
            if (component.getName().equals("apiKey")) {
                value = value == null ? "(none)" : "****";
            }
            text.add(component.getName() + "=" + value);
        }
        return text.toString();
    }

    /**
     * The retries a provider configures ({@code max-attempts}, {@code initial-backoff},
     * {@code max-backoff}, {@code max-retry-after} under {@code prefix}), unset values from
     * {@link RetryPolicy#DEFAULT}; an invalid value fails naming its property.
     */
    public static RetryPolicy retryPolicy(String prefix, Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
            Duration maxRetryAfter) {
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        return new RetryPolicy(
                range(prefix, "max-attempts", maxAttempts, defaults.maxAttempts(), 1, 10),
                positive(prefix, "initial-backoff", initialBackoff, defaults.initialBackoff()),
                positive(prefix, "max-backoff", maxBackoff, defaults.maxBackoff()),
                positive(prefix, "max-retry-after", maxRetryAfter, defaults.maxRetryAfter()));
    }

    /** Trimmed text, or null when blank. */
    public static String text(String value) {
        return StringUtils.hasText(value) ? value.trim() : null;
    }

    /** Trimmed, distinct, non-blank names; {@code fallback} when none. */
    public static List<String> names(List<String> values, List<String> fallback) {
        List<String> names = values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
        return names.isEmpty() ? List.copyOf(fallback) : names;
    }

    /** A copy of the per-model credit costs, none negative. */
    public static Map<String, Integer> creditCosts(String prefix, Map<String, Integer> values) {
        Map<String, Integer> costs = values == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(values));
        costs.forEach((model, cost) -> {
            if (cost == null || cost < 0) {
                throw new IllegalArgumentException(prefix + ".credit-costs[" + model + "] must not be negative: " + cost);
            }
        });
        return costs;
    }

    public static Duration positive(String prefix, String name, Duration value, Duration fallback) {
        Duration result = value == null ? fallback : value;
        if (result.isNegative() || result.isZero()) {
            throw new IllegalArgumentException(prefix + "." + name + " must be positive: " + result);
        }
        return result;
    }

    public static int range(String prefix, String name, Integer value, int fallback, int min, int max) {
        int result = value == null ? fallback : value;
        if (result < min || result > max) {
            throw new IllegalArgumentException(prefix + "." + name + " must be " + min + "-" + max + ": " + result);
        }
        return result;
    }

    public static DataSize size(String prefix, String name, DataSize value, DataSize fallback) {
        DataSize result = value == null ? fallback : value;
        if (result.toBytes() < 1 || result.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(prefix + "." + name + " must be 1B-2GB: " + result);
        }
        return result;
    }
}
