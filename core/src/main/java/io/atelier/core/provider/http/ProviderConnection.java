package io.atelier.core.provider.http;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Where and how one provider is reached: the connection settings every provider's properties record
 * has under {@code atelier.providers.<id>} ({@code base-url}, {@code api-key}, {@code connect-timeout},
 * {@code read-timeout}, {@code max-response-size}). The records keep these as their own flat components
 * (so the property names stay flat); their compact constructors take the checked values from
 * {@link #of} and hand a connection to {@link ProviderHttpClient}.
 *
 * @param baseUrl         the API root without trailing slashes; null only for a self-hosted provider left unset
 * @param apiKey          the credential, or null; never printed
 * @param connectTimeout  longest wait for a connection
 * @param readTimeout     longest wait for one answer
 * @param maxResponseSize largest answer read
 */
public record ProviderConnection(String baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
                                 DataSize maxResponseSize) {

    /** Every provider waits at most this long for a connection unless configured otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * One provider's defaults.
     *
     * @param baseUrl         used when {@code base-url} is blank; null for a self-hosted provider (no default address)
     * @param exampleUrl      the valid URL an error message shows
     * @param readTimeout     the default {@code read-timeout}
     * @param maxResponseSize the default {@code max-response-size}
     */
    public record Defaults(String baseUrl, String exampleUrl, Duration readTimeout, DataSize maxResponseSize) {

        /** A hosted API: {@code baseUrl} is the public endpoint and the default. */
        public static Defaults hosted(String baseUrl, Duration readTimeout, DataSize maxResponseSize) {
            return new Defaults(baseUrl, baseUrl, readTimeout, maxResponseSize);
        }

        /** A self-hosted server: no default address ({@code base-url} unset means off). */
        public static Defaults selfHosted(String exampleUrl, Duration readTimeout, DataSize maxResponseSize) {
            return new Defaults(null, exampleUrl, readTimeout, maxResponseSize);
        }
    }

    /**
     * Checked values with defaults applied.
     *
     * @param prefix the provider's property prefix without a trailing dot, e.g. {@code atelier.providers.gemini}
     * @throws IllegalArgumentException naming the property, never repeating the URL or the key
     */
    public static ProviderConnection of(String prefix, Defaults defaults, String baseUrl, String apiKey,
            Duration connectTimeout, Duration readTimeout, DataSize maxResponseSize) {
        return new ProviderConnection(
                ProviderSettings.baseUrl(prefix, baseUrl, defaults.baseUrl(), defaults.exampleUrl()),
                ProviderSettings.text(apiKey),
                ProviderSettings.positive(prefix, "connect-timeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT),
                ProviderSettings.positive(prefix, "read-timeout", readTimeout, defaults.readTimeout()),
                ProviderSettings.size(prefix, "max-response-size", maxResponseSize, defaults.maxResponseSize()));
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return ProviderSettings.withoutSecrets(this);
    }
}
