package io.atelier.core.provider;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider is asked to render, after validation and the prompt pipeline.
 *
 * <p>Image inputs, one path for every surface (chat attachments, the native API, v0's reference
 * images, presets): an {@code initImage} to start from (an edit, image-to-image, a variation, or the
 * image to upscale) with an optional {@code strength}, and {@code referenceImages} to take
 * inspiration from. Each provider uses what its model supports ({@link ModelCapabilities#edits()},
 * {@link ModelCapabilities#strength()}, {@link ModelCapabilities#maxReferenceImages()},
 * {@link ModelCapabilities#upscaleFactor()}); the generation service warns about what a model ignores
 * before the call, and a provider refuses (bad request) what it cannot take at all.
 *
 * @param modelName       the model's name within its provider (not the catalog id)
 * @param prompt          final prompt (after enhancement)
 * @param negativePrompt  what to avoid, or null
 * @param size            exact pixel size to produce (for an upscale: the size wanted after it)
 * @param count           number of images, 1 … the model's maxCount
 * @param seed            seed for reproducible output
 * @param background      {@code transparent}, {@code opaque} or {@code auto}; null means auto
 * @param initImage       the image to start from (edit, image-to-image, upscale), or null for text-to-image
 * @param mask            the edit mask (transparent pixels mark the area to change), or null
 * @param options         provider-specific extras (quality, style, output format …), never null
 * @param idempotencyKey  stable per generation, for backends that can deduplicate
 * @param strength        how far to move away from {@code initImage}, 0 (keep it) … 1 (ignore it), the
 *                        {@code denoising_strength} / {@code strength} / {@code prompt_strength} of
 *                        diffusion backends; null = the provider's default
 * @param referenceImages images to take inspiration from (style, subjects), in order; never null
 * @param upscale         set when the task is to enlarge {@code initImage} rather than to generate
 */
public record ProviderRequest(
        String modelName,
        String prompt,
        String negativePrompt,
        ImageSize size,
        int count,
        long seed,
        String background,
        SourceImage initImage,
        SourceImage mask,
        Map<String, String> options,
        String idempotencyKey,
        Double strength,
        List<SourceImage> referenceImages,
        Upscale upscale) {

    public ProviderRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(size, "size");
        options = options == null ? Map.of() : Map.copyOf(options);
        referenceImages = referenceImages == null ? List.of() : List.copyOf(referenceImages);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (strength != null && (!Double.isFinite(strength) || strength < 0 || strength > 1)) {
            throw new IllegalArgumentException("strength must be between 0 and 1: " + strength);
        }
        if (upscale != null && initImage == null) {
            throw new IllegalArgumentException("an upscale needs the image to enlarge as its init image");
        }
    }

    /** A request without strength, reference images or upscale: the fields before those existed. */
    public ProviderRequest(String modelName, String prompt, String negativePrompt, ImageSize size, int count, long seed,
                           String background, SourceImage initImage, SourceImage mask, Map<String, String> options,
                           String idempotencyKey) {
        this(modelName, prompt, negativePrompt, size, count, seed, background, initImage, mask, options, idempotencyKey,
                null, List.of(), null);
    }

    /** The same request for another model name (a fallback model), size, count, negative prompt and background. */
    public ProviderRequest adaptedTo(String otherModel, ImageSize otherSize, int otherCount, String otherNegative,
                                     String otherBackground) {
        return new ProviderRequest(otherModel, prompt, otherNegative, otherSize, otherCount, seed, otherBackground,
                initImage, mask, options, idempotencyKey, strength, referenceImages, upscale);
    }

    /** Whether the task is an upscale of {@link #initImage()}. */
    public boolean isUpscale() {
        return upscale != null;
    }

    /** An input image (init image, mask, reference) as bytes with its media type. */
    public record SourceImage(byte[] bytes, String mimeType) {
        public SourceImage {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(mimeType, "mimeType");
        }
    }

    /**
     * The task is to enlarge the init image by about {@code factor} (the provider's upscaler may have a
     * fixed factor of its own; {@link ProviderRequest#size()} is the size wanted).
     *
     * @param factor      wanted enlargement, 2 … 4
     * @param sourceIndex which image of its generation the init image was (0-based): backends that
     *                    re-render rather than resample (local/preview) draw that image of the seed's
     *                    series again, at the larger size
     */
    public record Upscale(int factor, int sourceIndex) {
        public Upscale {
            if (factor < 2 || factor > 4) {
                throw new IllegalArgumentException("an upscale factor is 2 to 4: " + factor);
            }
            if (sourceIndex < 0) {
                throw new IllegalArgumentException("sourceIndex must not be negative: " + sourceIndex);
            }
        }
    }
}
