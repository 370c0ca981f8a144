package io.atelier.core.provider.http;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * A provider's properties record with the connection components ({@code base-url}, {@code api-key},
 * {@code connect-timeout}, {@code read-timeout}, {@code max-response-size}), checked by
 * {@link ProviderConnection#of} in its compact constructor; the record's accessors implement this.
 */
public interface ConnectionProperties {

    String baseUrl();

    String apiKey();

    Duration connectTimeout();

    Duration readTimeout();

    DataSize maxResponseSize();

    /** The connection settings as one value, for {@link ProviderHttpClient}. */
    default ProviderConnection connection() {
        return new ProviderConnection(baseUrl(), apiKey(), connectTimeout(), readTimeout(), maxResponseSize());
    }
}
