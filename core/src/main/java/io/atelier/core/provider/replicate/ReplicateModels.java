package io.atelier.core.provider.replicate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.http.RatioSizes;

/**
 * What the Replicate models we know take, from their published input schemas. Every model gets
 * {@code prompt}, {@code aspect_ratio} and {@code seed}; the FLUX families add what their schemas
 * have. A model we do not know is assumed to take only those three and make one image, which most
 * text-to-image models on Replicate do; pin anything else with {@code owner/name:version}.
 *
 * <ul>
 *   <li>{@code black-forest-labs/flux-schnell}: {@code num_outputs} 1–4, {@code output_format}.</li>
 *   <li>{@code black-forest-labs/flux-dev}: the same, plus {@code image} + {@code prompt_strength}
 *       (image-to-image).</li>
 *   <li>{@code black-forest-labs/flux-1.1-pro}, {@code flux-pro}: one image, {@code output_format}.</li>
 * </ul>
 * None takes a negative prompt. Default credit costs follow Replicate's per-image prices.
 */
final class ReplicateModels {

    /** A model family: what its input takes. */
    enum Family {
        FLUX_SCHNELL(4, false, true, 1, FLUX_RATIOS, "FLUX.1 [schnell] on Replicate: fast, up to 4 images"),
        FLUX_DEV(4, true, true, 3, FLUX_RATIOS, "FLUX.1 [dev] on Replicate: image-to-image, up to 4 images"),
        FLUX_PRO(1, false, true, 4, PRO_RATIOS, "FLUX 1.1 [pro] on Replicate: one high-quality image"),
        OTHER(1, false, false, 2, PRO_RATIOS, "Text-to-image model on Replicate");

        private final int maxCount;
        private final boolean edits;
        private final boolean outputFormat;
        private final int defaultCreditCost;
        private final RatioSizes sizes;
        private final String description;

        Family(int maxCount, boolean edits, boolean outputFormat, int defaultCreditCost, List<String> ratios, String description) {
            this.maxCount = maxCount;
            this.edits = edits;
            this.outputFormat = outputFormat;
            this.defaultCreditCost = defaultCreditCost;
            this.sizes = RatioSizes.of(1024L * 1024, ratios);
            this.description = description;
        }

        RatioSizes sizes() {
            return sizes;
        }

        /** Whether the input has {@code num_outputs}. */
        boolean takesNumOutputs() {
            return maxCount > 1;
        }

        /** Whether the input has {@code output_format}; we ask for {@code png}. */
        boolean takesOutputFormat() {
            return outputFormat;
        }

        ModelCapabilities capabilities() {
            int maxSide = sizes.sizes().stream().mapToInt(s -> Math.max(s.width(), s.height())).max().orElseThrow();
            return new ModelCapabilities(sizes.sizes(), false, maxSide, maxCount, edits, false, false, true, false)
                    .withImageInputs(0, edits);
        }
    }

    static final int PROMPT_LIMIT = 4000;

    private static final List<String> FLUX_RATIOS =
            List.of("1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21");
    private static final List<String> PRO_RATIOS =
            List.of("1:1", "16:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16");

    private ReplicateModels() {
    }

    static Family familyOf(String model) {
        String name = owned(model).toLowerCase(Locale.ROOT);
        String base = name.substring(name.indexOf('/') + 1);
        if (base.startsWith("flux-schnell")) {
            return Family.FLUX_SCHNELL;
        }
        if (base.startsWith("flux-dev")) {
            return Family.FLUX_DEV;
        }
        if (base.startsWith("flux-1.1-pro") || base.equals("flux-pro")) {
            return Family.FLUX_PRO;
        }
        return Family.OTHER;
    }

    /** {@code owner/name} without a {@code :version}. */
    static String owned(String model) {
        int colon = model.indexOf(':');
        return colon < 0 ? model : model.substring(0, colon);
    }

    /** The pinned version id, or null for an official model addressed by name. */
    static String version(String model) {
        int colon = model.indexOf(':');
        return colon < 0 ? null : model.substring(colon + 1);
    }

    static ModelDescriptor describe(String model, Map<String, Integer> creditCosts) {
        Family family = familyOf(model);
        return new ModelDescriptor(ReplicateImageProvider.ID + "/" + model, ReplicateImageProvider.ID, model,
                owned(model), family.description, family.capabilities(), PROMPT_LIMIT,
                creditCosts.getOrDefault(model, family.defaultCreditCost));
    }
}
