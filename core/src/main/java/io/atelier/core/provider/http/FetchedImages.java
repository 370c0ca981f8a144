package io.atelier.core.provider.http;

import java.net.URI;

import io.atelier.core.fetch.FetchException;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ProviderException;

/**
 * Output images a backend answers as URLs (OpenAI-compatible {@code url}, Replicate's output files),
 * downloaded through the application's {@link SafeHttpFetcher}: never with the provider's credentials,
 * and never from internal addresses.
 */
public final class FetchedImages {

    private FetchedImages() {
    }

    /**
     * The image's bytes. A fetch timeout or failed connection is retriable (callers run this under their
     * {@code RetryPolicy}: a download is safe to repeat); anything else (refused address, not an image,
     * too large) is {@code PROVIDER_BAD_RESPONSE}.
     *
     * @param invalidUrl the message when the backend's URL cannot be parsed
     * @param failed     the start of the message when the download fails, e.g. {@code downloading the Replicate output failed}
     */
    public static byte[] download(SafeHttpFetcher fetcher, String url, String invalidUrl, String failed)
            throws ProviderException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ProviderException.NonRetriable(HostedErrors.BAD_RESPONSE, invalidUrl, e);
        }
        try {
            return fetcher.fetchImage(uri).bytes();
        } catch (FetchException e) {
            String message = failed + ": " + e.code() + ": " + e.getMessage();
            throw switch (e.code()) {
                case FETCH_TIMEOUT -> ProviderException.Retriable.timeout(message, e);
                case FETCH_FAILED -> ProviderException.Retriable.unavailable(message, e);
                default -> new ProviderException.NonRetriable(HostedErrors.BAD_RESPONSE, message, e);
            };
        }
    }
}
