package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.provider.AspectRatio;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options of {@code /imagine} as a chat platform received them (slash command options, a Slack
 * modal); null = not given. Inline flags in the prompt ({@code --ar 16:9 --no text}) are read by the
 * prompt pipeline; explicit options win over them.
 *
 * @param count 1–4
 */
public record ImagineOptions(String prompt, String aspectRatio, String template, Boolean enhance, Integer count,
                             String negative, String model, Long seed, Boolean publicRequested) {

    public static final int MAX_COUNT = 4;

    public static ImagineOptions ofPrompt(String prompt) {
        return new ImagineOptions(prompt, null, null, null, null, null, null, null, null);
    }

    /** The same options with another seed (Reroll keeps everything else). */
    public ImagineOptions withSeed(Long newSeed) {
        return new ImagineOptions(prompt, aspectRatio, template, enhance, count, negative, model, newSeed, publicRequested);
    }

    /**
     * The generation request: explicit options first, then the user's {@link ChatSettings}, then the
     * service defaults. {@code meta.chat} records who asked and where ({@link ChatMeta}).
     *
     * @throws GenerationValidationException naming the option ({@code count}, {@code aspect_ratio}) when malformed
     */
    public GenerationRequest toRequest(ChatUser user, ChatSettings settings, String channelId) {
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
        return GenerationRequest.builder(user.platform().source())
                .prompt(prompt)
                .model(blankToNull(model != null ? model : settings.model()))
                .count(count)
                .aspectRatio(ratio)
                .seed(seed)
                .negativePrompt(blankToNull(negative))
                .autoEnhance(enhance != null ? enhance : settings.enhance())
                .template(blankToNull(template != null ? template : settings.template()))
                .publicRequested(Boolean.TRUE.equals(publicRequested))
                .parseInlineParameters(true)
                .requestAsGiven(asGiven)
                .meta(Map.of(ChatMeta.KEY, ChatMeta.of(user, channelId)))
                .build();
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
