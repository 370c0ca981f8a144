package io.atelier.core.provider.openai;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;

/**
 * What each model name can do, from the OpenAI / Apertis Images API documentation. Names are matched
 * on their last path segment, case-insensitively, so gateway spellings such as
 * {@code openai/gpt-image-1} get the same capabilities. None of these APIs takes a negative prompt
 * or a seed, so no model claims either.
 */
final class OpenAiModels {

    /** GPT Image edits take up to 16 input images: the init image and 15 references, or 16 references. */
    static final int MAX_GPT_IMAGE_INPUTS = 16;

    /** A model family: capabilities, prompt limit, default cost, and how its answer is requested. */
    enum Family {
        DALL_E_2(new ModelCapabilities(
                List.of(new ImageSize(1024, 1024), new ImageSize(512, 512), new ImageSize(256, 256)),
                false, 1024, 10, true, true, false, false, false),
                1000, 2, true),
        DALL_E_3(new ModelCapabilities(
                List.of(new ImageSize(1024, 1024), new ImageSize(1792, 1024), new ImageSize(1024, 1792)),
                false, 1792, 1, false, false, false, false, false),
                4000, 4, true),
        /** gpt-image-1, gpt-image-1.5, gpt-image-2 …: always answer base64, reject {@code response_format}. */
        GPT_IMAGE(new ModelCapabilities(
                List.of(new ImageSize(1024, 1024), new ImageSize(1536, 1024), new ImageSize(1024, 1536)),
                false, 1536, 10, true, true, false, false, true).withImageInputs(MAX_GPT_IMAGE_INPUTS - 1, false),
                32000, 4, false),
        /**
         * Anything else (LocalAI, stable-diffusion.cpp's server, gateways' own models): any size up to
         * 2048, no edits, since we cannot know more. Asked for base64 so that no URL pointing back into
         * the backend's (often private) network has to be fetched.
         */
        OTHER(new ModelCapabilities(List.of(), true, 2048, 10, false, false, false, false, false),
                4000, 2, true);

        private final ModelCapabilities capabilities;
        private final int promptLimit;
        private final int defaultCreditCost;
        private final boolean requestsBase64;

        Family(ModelCapabilities capabilities, int promptLimit, int defaultCreditCost, boolean requestsBase64) {
            this.capabilities = capabilities;
            this.promptLimit = promptLimit;
            this.defaultCreditCost = defaultCreditCost;
            this.requestsBase64 = requestsBase64;
        }

        ModelCapabilities capabilities() {
            return capabilities;
        }

        int promptLimit() {
            return promptLimit;
        }

        /** Whether requests carry {@code response_format: b64_json}. */
        boolean requestsBase64() {
            return requestsBase64;
        }

        /** Whether {@code background} is a parameter of this family. */
        boolean takesBackground() {
            return capabilities.transparentBackground();
        }
    }

    private OpenAiModels() {
    }

    static Family familyOf(String modelName) {
        String base = modelName.substring(modelName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (base.equals("dall-e-2")) {
            return Family.DALL_E_2;
        }
        if (base.equals("dall-e-3")) {
            return Family.DALL_E_3;
        }
        if (base.startsWith("gpt-image")) {
            return Family.GPT_IMAGE;
        }
        return Family.OTHER;
    }

    /** The catalog entry {@code openai/<name>}; {@code creditCosts} overrides the family's default cost. */
    static ModelDescriptor describe(String modelName, Map<String, Integer> creditCosts) {
        Family family = familyOf(modelName);
        int cost = creditCosts.getOrDefault(modelName, family.defaultCreditCost);
        return new ModelDescriptor(
                OpenAiImageProvider.ID + "/" + modelName,
                OpenAiImageProvider.ID,
                modelName,
                displayName(modelName, family),
                description(family),
                family.capabilities(),
                family.promptLimit(),
                cost);
    }

    private static String displayName(String modelName, Family family) {
        return switch (family) {
            case DALL_E_2 -> "DALL·E 2";
            case DALL_E_3 -> "DALL·E 3";
            case GPT_IMAGE, OTHER -> modelName;
        };
    }

    private static String description(Family family) {
        return switch (family) {
            case DALL_E_2 -> "DALL·E 2: square images, edits with masks";
            case DALL_E_3 -> "DALL·E 3: one detailed image per request, square or wide or tall";
            case GPT_IMAGE -> "GPT Image: long prompts, edits with masks, transparent backgrounds";
            case OTHER -> "Image model served by an OpenAI-compatible backend";
        };
    }
}
