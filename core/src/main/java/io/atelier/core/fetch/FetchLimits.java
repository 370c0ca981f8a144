package io.atelier.core.fetch;

import java.util.List;
import java.util.Locale;

/**
 * What one fetch accepts. The fetcher also applies the operator's {@code atelier.fetch.max-bytes};
 * the smaller of the two limits wins.
 *
 * @param maxBytes            largest body accepted; bigger bodies are aborted mid-stream
 * @param allowedContentTypes media types accepted, exact ({@code image/png}) or by type ({@code image/*})
 */
public record FetchLimits(long maxBytes, List<String> allowedContentTypes) {

    private static final List<String> IMAGES = List.of("image/*");

    public FetchLimits {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        allowedContentTypes = allowedContentTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        if (allowedContentTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one content type must be allowed");
        }
    }

    /** Any {@code image/*} up to the configured maximum size. */
    public static FetchLimits images() {
        return new FetchLimits(Long.MAX_VALUE, IMAGES);
    }

    /** Any {@code image/*} up to {@code maxBytes} (and the configured maximum). */
    public static FetchLimits images(long maxBytes) {
        return new FetchLimits(maxBytes, IMAGES);
    }

    /** Whether a media type (lower case, without parameters) is accepted. */
    boolean allows(String mediaType) {
        for (String allowed : allowedContentTypes) {
            if (allowed.endsWith("/*")
                    ? mediaType.startsWith(allowed.substring(0, allowed.length() - 1))
                    : mediaType.equals(allowed)) {
                return true;
            }
        }
        return false;
    }
}
