package io.atelier.core.provider;

import java.util.List;

/**
 * What a model supports.
 *
 * @param sizes                 fixed pixel sizes the model produces; empty when {@code anySize}
 * @param anySize               any width × height within {@code maxPixelSide} (procedural or SD-style models)
 * @param maxPixelSide          largest width or height accepted when {@code anySize}
 * @param maxCount              most images per request
 * @param edits                 accepts a source image to edit
 * @param masks                 accepts a mask with an edit
 * @param negativePrompt        honours a negative prompt
 * @param seed                  honours a seed (same seed, same image)
 * @param transparentBackground can produce a transparent background
 * @param maxReferenceImages    most reference images a request may carry (0: the model takes none)
 * @param strength              honours how far to move from the init image ({@code ProviderRequest.strength});
 *                              without it the model uses an init image its own way
 * @param upscaleFactor         the enlargement of the model's upscaler (e.g. 2 or 4), 0 when it has none
 */
public record ModelCapabilities(
        List<ImageSize> sizes,
        boolean anySize,
        int maxPixelSide,
        int maxCount,
        boolean edits,
        boolean masks,
        boolean negativePrompt,
        boolean seed,
        boolean transparentBackground,
        int maxReferenceImages,
        boolean strength,
        int upscaleFactor) {

    /** Capabilities without reference images, strength or an upscaler: the fields before those existed. */
    public ModelCapabilities(List<ImageSize> sizes, boolean anySize, int maxPixelSide, int maxCount, boolean edits,
                             boolean masks, boolean negativePrompt, boolean seed, boolean transparentBackground) {
        this(sizes, anySize, maxPixelSide, maxCount, edits, masks, negativePrompt, seed, transparentBackground, 0, false, 0);
    }

    public ModelCapabilities {
        sizes = List.copyOf(sizes);
        if (!anySize && sizes.isEmpty()) {
            throw new IllegalArgumentException("a model needs fixed sizes or anySize");
        }
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be at least 1");
        }
        if (maxReferenceImages < 0 || upscaleFactor < 0) {
            throw new IllegalArgumentException("maxReferenceImages and upscaleFactor must not be negative");
        }
    }

    /** The same capabilities with image inputs: up to {@code references} reference images, and whether strength applies. */
    public ModelCapabilities withImageInputs(int references, boolean honoursStrength) {
        return new ModelCapabilities(sizes, anySize, maxPixelSide, maxCount, edits, masks, negativePrompt, seed,
                transparentBackground, references, honoursStrength, upscaleFactor);
    }

    /** The same capabilities with an upscaler of this factor (0: none). */
    public ModelCapabilities withUpscaler(int factor) {
        return new ModelCapabilities(sizes, anySize, maxPixelSide, maxCount, edits, masks, negativePrompt, seed,
                transparentBackground, maxReferenceImages, strength, factor);
    }

    /** Whether the model can produce exactly this size. */
    public boolean supports(ImageSize size) {
        if (anySize) {
            return size.width() <= maxPixelSide && size.height() <= maxPixelSide;
        }
        return sizes.contains(size);
    }

    /**
     * The size to use for an aspect ratio: exact when the model takes any size, otherwise the
     * fixed size whose ratio is closest; among sizes of that ratio (models with 1K/2K/4K tiers) the
     * one whose pixel count is closest to the resolution's square; remaining ties go to the first listed.
     */
    public ImageSize sizeFor(AspectRatio ratio, Resolution resolution) {
        if (anySize) {
            ImageSize exact = ratio.sizeForLongSide(resolution.longSide());
            if (supports(exact)) {
                return exact;
            }
            return ratio.sizeForLongSide(maxPixelSide);
        }
        ImageSize best = sizes.getFirst();
        double target = Math.log(ratio.value());
        double targetArea = Math.log((double) resolution.longSide() * resolution.longSide());
        for (ImageSize candidate : sizes) {
            double distance = Math.abs(Math.log(candidate.ratio()) - target);
            double bestDistance = Math.abs(Math.log(best.ratio()) - target);
            if (distance < bestDistance - 1e-9) {
                best = candidate;
            } else if (distance < bestDistance + 1e-9
                    && Math.abs(Math.log((double) candidate.width() * candidate.height()) - targetArea)
                    < Math.abs(Math.log((double) best.width() * best.height()) - targetArea) - 1e-9) {
                best = candidate;
            }
        }
        return best;
    }
}
