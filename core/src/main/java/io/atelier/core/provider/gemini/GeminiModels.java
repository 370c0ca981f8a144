package io.atelier.core.provider.gemini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.Resolution;

/**
 * What each Gemini image model can do, from Google's image-generation documentation: ten aspect
 * ratios ({@code imageConfig.aspectRatio}); Gemini 3 image models also three resolutions
 * ({@code imageConfig.imageSize} 1K/2K/4K), Gemini 2.5 Flash Image 1K only. The catalog lists the
 * documented pixel size of every ratio × resolution, so the size the service picks maps back to
 * exactly one {@code (aspectRatio, imageSize)} pair.
 *
 * <p>No Gemini image model takes a negative prompt or honours a seed; each call answers one image
 * (we make up to four by as many calls); every one edits: the request's image travels as an
 * {@code inline_data} part beside the prompt. Prompts are limited by tokens upstream (32k for 2.5
 * Flash Image); we allow 30,000 characters, well inside that.
 */
final class GeminiModels {

    /** One catalog size: the ratio and resolution that make it. */
    record Shape(String aspectRatio, Resolution resolution) {
    }

    /** A model family. */
    enum Family {
        /** gemini-2.5-flash-image (and its -preview): 1K only. */
        FLASH_25(sizes(false), 4, 3, "Gemini 2.5 Flash Image: fast edits and generation at 1K, up to 3 reference images"),
        /** gemini-3-pro-image-preview: 1K/2K/4K, stronger text rendering, up to 14 reference images. */
        PRO_3(sizes(true), 15, 14, "Gemini 3 Pro Image: 1K, 2K or 4K, precise text, up to 14 reference images"),
        /** gemini-3.1-flash-image-preview: 1K/2K/4K at flash prices. */
        FLASH_3(sizes(true), 7, 14, "Gemini 3 Flash Image: 1K, 2K or 4K, fast, up to 14 reference images");

        private final Map<ImageSize, Shape> shapes;
        private final int defaultCreditCost;
        private final int maxReferences;
        private final String description;

        Family(Map<ImageSize, Shape> shapes, int defaultCreditCost, int maxReferences, String description) {
            this.shapes = shapes;
            this.defaultCreditCost = defaultCreditCost;
            this.maxReferences = maxReferences;
            this.description = description;
        }

        ModelCapabilities capabilities() {
            return new ModelCapabilities(new ArrayList<>(shapes.keySet()), false, maxSide(), MAX_COUNT,
                    true, false, false, false, false).withImageInputs(maxReferences, false);
        }

        /** The ratio and resolution of a catalog size; empty for any other size. */
        Optional<Shape> shape(ImageSize size) {
            return Optional.ofNullable(shapes.get(size));
        }

        /** Whether requests carry {@code imageConfig.imageSize} (2.5 Flash rejects it). */
        boolean takesImageSize() {
            return this != FLASH_25;
        }

        private int maxSide() {
            return shapes.keySet().stream().mapToInt(s -> Math.max(s.width(), s.height())).max().orElseThrow();
        }
    }

    static final int MAX_COUNT = 4;
    static final int PROMPT_LIMIT = 30_000;

    /** Ratio, 2.5 Flash Image size, Gemini 3 image 1K size (2K and 4K are ×2 and ×4). */
    private static final String[][] TABLE = {
            {"1:1", "1024x1024", "1024x1024"},
            {"2:3", "832x1248", "848x1264"},
            {"3:2", "1248x832", "1264x848"},
            {"3:4", "864x1184", "896x1200"},
            {"4:3", "1184x864", "1200x896"},
            {"4:5", "896x1152", "928x1152"},
            {"5:4", "1152x896", "1152x928"},
            {"9:16", "768x1344", "768x1376"},
            {"16:9", "1344x768", "1376x768"},
            {"21:9", "1536x672", "1584x672"},
    };

    private GeminiModels() {
    }

    private static Map<ImageSize, Shape> sizes(boolean tiers) {
        Map<ImageSize, Shape> shapes = new LinkedHashMap<>();
        for (Resolution resolution : tiers ? Resolution.values() : new Resolution[] {Resolution.R1K}) {
            int factor = resolution.longSide() / 1024;
            for (String[] row : TABLE) {
                ImageSize base = ImageSize.parse(tiers ? row[2] : row[1]).orElseThrow();
                shapes.put(new ImageSize(base.width() * factor, base.height() * factor), new Shape(row[0], resolution));
            }
        }
        return shapes;
    }

    static Family familyOf(String modelName) {
        String base = modelName.substring(modelName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (base.startsWith("gemini-3-pro-image") || base.startsWith("nano-banana-pro")) {
            return Family.PRO_3;
        }
        if (base.startsWith("gemini-3") && base.contains("image")) {
            return Family.FLASH_3;
        }
        return Family.FLASH_25;
    }

    /** The catalog entry {@code gemini/<name>}; {@code creditCosts} overrides the family's default cost. */
    static ModelDescriptor describe(String modelName, Map<String, Integer> creditCosts) {
        Family family = familyOf(modelName);
        return new ModelDescriptor(GeminiImageProvider.ID + "/" + modelName, GeminiImageProvider.ID, modelName,
                modelName, family.description, family.capabilities(), PROMPT_LIMIT,
                creditCosts.getOrDefault(modelName, family.defaultCreditCost));
    }
}
