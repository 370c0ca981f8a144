package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.provider.AspectRatio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code /imagine} as a chat platform received them (slash command options, a Slack
 * modal); null = not given. Inline flags in the prompt ({@code --ar 16:9 --no text}) are read by the
 * prompt pipeline; explicit options win over them.
 *
 * @param count      1–4
 * @param image      an attached image to start from (image-to-image), or null
 * @param references attached images to take inspiration from (at most {@value #MAX_REFERENCES}), never null
 */
public record ImagineOptions(String prompt, String aspectRatio, String template, Boolean enhance, Integer count,
                             String negative, String model, Long seed, Boolean publicRequested, ChatImageRef image,
                             List<ChatImageRef> references) {

    public static final int MAX_COUNT = 4;
    public static final int MAX_REFERENCES = 4;

    public ImagineOptions {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** Options without attachments. */
    public ImagineOptions(String prompt, String aspectRatio, String template, Boolean enhance, Integer count,
                          String negative, String model, Long seed, Boolean publicRequested) {
        this(prompt, aspectRatio, template, enhance, count, negative, model, seed, publicRequested, null, List.of());
    }

    public static ImagineOptions ofPrompt(String prompt) {
        return new ImagineOptions(prompt, null, null, null, null, null, null, null, null);
    }

    /** The same options with another seed (Reroll keeps everything else). */
    public ImagineOptions withSeed(Long newSeed) {
        return new ImagineOptions(prompt, aspectRatio, template, enhance, count, negative, model, newSeed, publicRequested,
                image, references);
    }

    /** The same options with these attachments. */
    public ImagineOptions withImages(ChatImageRef newImage, List<ChatImageRef> newReferences) {
        return new ImagineOptions(prompt, aspectRatio, template, enhance, count, negative, model, seed, publicRequested,
                newImage, newReferences);
    }

    /** Whether images are attached. */
    public boolean hasImages() {
        return image != null || !references.isEmpty();
    }

    /**
     * The generation request: explicit options first, then the user's {@link ChatSettings}, then the
     * service defaults. {@code meta.chat} records who asked and where ({@link ChatMeta}).
     *
     * @throws GenerationValidationException naming the option ({@code count}, {@code aspect_ratio}) when malformed
     */
    public GenerationRequest toRequest(ChatUser user, ChatSettings settings, String channelId) {
        return toRequest(user, settings, channelId, ImageInputs.NONE);
    }

    /**
     * The generation request with image inputs (fetched attachments, or an image of an earlier result).
     *
     * @throws GenerationValidationException naming the option when malformed
     */
    public GenerationRequest toRequest(ChatUser user, ChatSettings settings, String channelId, ImageInputs inputs) {
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            throw GenerationValidationException.invalid("count", "count must be between 1 and " + MAX_COUNT);
        }
        String ratioText = aspectRatio != null ? aspectRatio : settings.aspectRatio();
        AspectRatio ratio = null;
        if (ratioText != null && !ratioText.isBlank()) {
            ratio = AspectRatio.parse(ratioText).orElseThrow(() -> GenerationValidationException.invalid("aspect_ratio",
                    "aspect_ratio must look like 16:9 (between 1:8 and 8:1)"));
        }
        Map<String, Object> asGiven = new LinkedHashMap<>();
        put(asGiven, "prompt", prompt);
        put(asGiven, "aspect_ratio", aspectRatio);
        put(asGiven, "template", template);
        put(asGiven, "enhance", enhance);
        put(asGiven, "count", count);
        put(asGiven, "negative", negative);
        put(asGiven, "model", model);
        put(asGiven, "seed", seed);
        put(asGiven, "public", publicRequested);
        inputs.describe(asGiven);
        if (inputs.size() != null) {
            ratio = null;
        }
        GenerationRequest.Builder builder = GenerationRequest.builder(user.platform().source())
                .prompt(prompt)
                .model(blankToNull(model != null ? model : settings.model()))
                .count(count)
                .aspectRatio(ratio)
                .seed(seed)
                .negativePrompt(blankToNull(negative))
                .autoEnhance(enhance != null ? enhance : inputs.upscale() != null ? Boolean.FALSE : settings.enhance())
                .template(blankToNull(template != null ? template : settings.template()))
                .publicRequested(Boolean.TRUE.equals(publicRequested))
                .parseInlineParameters(true)
                .requestAsGiven(asGiven)
                .meta(Map.of(ChatMeta.KEY, ChatMeta.of(user, channelId)));
        return inputs.applyTo(builder).build();
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
