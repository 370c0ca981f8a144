package io.atelier.core.provider.stability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.http.RatioSizes;

/**
 * What each Stability v2beta Stable Image model can do, from Stability's API reference: nine aspect
 * ratios ({@code aspect_ratio}), prompts up to 10,000 characters, {@code negative_prompt}, {@code seed}
 * (0–4294967294), one image per request (we make up to four by as many calls, seeds {@code seed},
 * {@code seed+1} …). Ultra and SD3 take an image to start from ({@code image} + {@code strength};
 * SD3 with {@code mode=image-to-image}); Core does not, but takes a {@code style_preset}.
 * Default costs follow Stability's own credits per image, rounded up. Every model has the fast
 * upscaler (×4); none takes reference images.
 */
final class StabilityModels {

    /** A model family: its endpoint and what it takes. */
    enum Family {
        ULTRA("ultra", true, false, 8, "Stable Image Ultra: Stability's highest quality, image-to-image"),
        CORE("core", false, true, 3, "Stable Image Core: fast and affordable, style presets"),
        SD3("sd3", true, false, 7, "Stable Diffusion 3.5: text-to-image and image-to-image");

        private final String endpoint;
        private final boolean edits;
        private final boolean stylePreset;
        private final int defaultCreditCost;
        private final String description;

        Family(String endpoint, boolean edits, boolean stylePreset, int defaultCreditCost, String description) {
            this.endpoint = endpoint;
            this.edits = edits;
            this.stylePreset = stylePreset;
            this.defaultCreditCost = defaultCreditCost;
            this.description = description;
        }

        /** The last path segment: {@code /v2beta/stable-image/generate/{endpoint}}. */
        String endpoint() {
            return endpoint;
        }

        boolean takesStylePreset() {
            return stylePreset;
        }

        ModelCapabilities capabilities() {
            int maxSide = SIZES.sizes().stream().mapToInt(s -> Math.max(s.width(), s.height())).max().orElseThrow();
            return new ModelCapabilities(SIZES.sizes(), false, maxSide, MAX_COUNT, edits, false, true, true, false)
                    .withImageInputs(0, edits).withUpscaler(UPSCALE_FACTOR);
        }
    }

    static final int MAX_COUNT = 4;
    static final int PROMPT_LIMIT = 10_000;
    static final long MAX_SEED = 4_294_967_294L;
    /** The fast upscaler's factor ({@code /v2beta/stable-image/upscale/fast}), open to every model. */
    static final int UPSCALE_FACTOR = 4;

    /** The documented ratios, at about one megapixel each (what the models render). */
    static final RatioSizes SIZES = RatioSizes.of(1024L * 1024,
            List.of("1:1", "16:9", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"));

    private static final Map<String, Integer> SD3_COSTS = Map.of(
            "sd3.5-large", 7, "sd3.5-large-turbo", 4, "sd3.5-medium", 4, "sd3.5-flash", 3);

    private StabilityModels() {
    }

    static Optional<Family> familyOf(String modelName) {
        String name = modelName.toLowerCase(Locale.ROOT);
        if (name.equals("ultra")) {
            return Optional.of(Family.ULTRA);
        }
        if (name.equals("core")) {
            return Optional.of(Family.CORE);
        }
        if (name.startsWith("sd3")) {
            return Optional.of(Family.SD3);
        }
        return Optional.empty();
    }

    static ModelDescriptor describe(String modelName, Map<String, Integer> creditCosts) {
        Family family = familyOf(modelName).orElseThrow();
        int cost = creditCosts.getOrDefault(modelName, SD3_COSTS.getOrDefault(modelName, family.defaultCreditCost));
        String display = switch (family) {
            case ULTRA -> "Stable Image Ultra";
            case CORE -> "Stable Image Core";
            case SD3 -> "Stable Diffusion " + modelName.substring(2);
        };
        return new ModelDescriptor(StabilityImageProvider.ID + "/" + modelName, StabilityImageProvider.ID, modelName,
                display, family.description, family.capabilities(), PROMPT_LIMIT, cost);
    }
}
