package io.atelier.core.prompt.inline;

import io.atelier.core.provider.AspectRatio;
import java.util.List;

/**
 * What a chat-style prompt said with flags, and the prompt without them. Null = flag not given.
 *
 * @param prompt          the text before the first flag, trimmed
 * @param aspectRatio     {@code --ar W:H}
 * @param negativePrompt  {@code --no a, b} as {@code "a, b"}
 * @param seed            {@code --seed N}
 * @param count           {@code --n N}
 * @param model           {@code --model ID}
 * @param template        {@code --style TEMPLATE} (lower-case, not yet checked against the templates)
 * @param raw             {@code --raw}: no enhancement
 * @param publicRequested {@code --public}
 * @param flags           the flags given, as written after normalising ({@code --ar}, {@code --no} …)
 */
public record InlineParameters(
        String prompt,
        AspectRatio aspectRatio,
        String negativePrompt,
        Long seed,
        Integer count,
        String model,
        String template,
        boolean raw,
        boolean publicRequested,
        List<String> flags) {

    public InlineParameters {
        flags = List.copyOf(flags);
    }

    /** A prompt with no flags. */
    public static InlineParameters none(String prompt) {
        return new InlineParameters(prompt, null, null, null, null, null, null, false, false, List.of());
    }
}
