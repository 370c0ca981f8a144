package io.atelier.core.provider;

import java.util.Map;
import java.util.Objects;

/**
 * What a provider is asked to render, after validation and the prompt pipeline.
 *
 * @param modelName      the model's name within its provider (not the catalog id)
 * @param prompt         final prompt (after enhancement)
 * @param negativePrompt what to avoid, or null
 * @param size           exact pixel size to produce
 * @param count          number of images, 1 … the model's maxCount
 * @param seed           seed for reproducible output
 * @param background     {@code transparent}, {@code opaque} or {@code auto}; null means auto
 * @param editImage      the image to edit, or null for text-to-image
 * @param mask           the edit mask (transparent pixels mark the area to change), or null
 * @param options        provider-specific extras (quality, style, output format …), never null
 * @param idempotencyKey stable per generation, for backends that can deduplicate
 */
public record ProviderRequest(
        String modelName,
        String prompt,
        String negativePrompt,
        ImageSize size,
        int count,
        long seed,
        String background,
        SourceImage editImage,
        SourceImage mask,
        Map<String, String> options,
        String idempotencyKey) {

    public ProviderRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
        options = options == null ? Map.of() : Map.copyOf(options);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }

    /** An input image (edit source or mask) as bytes with its media type. */
    public record SourceImage(byte[] bytes, String mimeType) {
        public SourceImage {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }
}
