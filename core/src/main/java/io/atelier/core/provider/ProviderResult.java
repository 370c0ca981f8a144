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
     * One output image: its bytes in memory, or already in the image store (written through the
     * context's {@link ImageSink} while it arrived).
     *
     * @param bytes         encoded image, or null when it is already stored
     * @param contentHash   its blob in the image store when already stored, else null
     * @param size          its length in bytes
     * @param mimeType      {@code image/png}, {@code image/jpeg} or {@code image/webp}
     * @param width         pixel width
     * @param height        pixel height
     * @param revisedPrompt the prompt the backend says it used, or null
     */
    public record GeneratedImage(byte[] bytes, String contentHash, long size, String mimeType, int width, int height,
                                 String revisedPrompt) {
        public GeneratedImage {
            if ((bytes == null) == (contentHash == null)) {
                throw new IllegalArgumentException("an image has either its bytes or a stored blob");
            }
            Objects.requireNonNull(mimeType, "mimeType");
        }

        /** An image held in memory. */
        public GeneratedImage(byte[] bytes, String mimeType, int width, int height, String revisedPrompt) {
            this(Objects.requireNonNull(bytes, "bytes"), null, bytes.length, mimeType, width, height, revisedPrompt);
        }

        /** An image already stored as the blob {@code contentHash}. */
        public static GeneratedImage stored(String contentHash, long size, String mimeType, int width, int height,
                                            String revisedPrompt) {
            return new GeneratedImage(null, Objects.requireNonNull(contentHash, "contentHash"), size, mimeType, width,
                    height, revisedPrompt);
        }
    }
}
