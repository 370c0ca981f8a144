package io.atelier.core.provider;

import java.util.List;
import java.util.Objects;

/**
 * What a provider produced.
 *
 * @param images            the images, at least one
 * @param providerRequestId the backend's id for this request (for support and dedup), or null
 */
public record ProviderResult(List<GeneratedImage> images, String providerRequestId) {

    public ProviderResult {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a provider result needs at least one image");
        }
    }

    /**
     * One output image.
     *
     * @param bytes         encoded image
     * @param mimeType      {@code image/png}, {@code image/jpeg} or {@code image/webp}
     * @param width         pixel width
     * @param height        pixel height
     * @param revisedPrompt the prompt the backend says it used, or null
     */
    public record GeneratedImage(byte[] bytes, String mimeType, int width, int height, String revisedPrompt) {
        public GeneratedImage {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }
}
