package io.atelier.core.prompt.pipeline;

import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.Resolution;
import java.util.List;

/**
 * The first stage's result ({@link PromptPipeline#resolve}): the preset rendered, inline flags
 * applied, the parameters settled (explicit option &gt; inline flag &gt; preset default &gt;
 * service default), and the prompt moderated — but not yet enhanced. Null = not set by anyone
 * (the generation service applies its defaults).
 *
 * @param teamId          the caller's team
 * @param originalPrompt  the prompt before enhancement: preset rendered, flags removed
 * @param model           the model to use (never null)
 * @param aspectRatio     inline or preset ratio when no explicit one or size was given, else the explicit one
 * @param resolution      explicit, else the preset's
 * @param seed            explicit, else inline
 * @param count           explicit, else inline
 * @param negativePrompt  explicit, else inline, else preset, else (when enhancing and the model
 *                        takes one) the template's default
 * @param autoEnhance     whether the second stage enhances
 * @param template        the template to enhance with (never null when enhancing); when not enhancing,
 *                        the one requested, or null
 * @param publicRequested explicit or {@code --public}
 * @param useBrandKit     apply the brand kit in the second stage
 * @param preset          the rendered preset, or null
 * @param warnings        what the user should know so far (ignored inline flags …)
 */
public record ResolvedPrompt(
        String teamId,
        String originalPrompt,
        ModelDescriptor model,
        AspectRatio aspectRatio,
        Resolution resolution,
        Long seed,
        Integer count,
        String negativePrompt,
        boolean autoEnhance,
        PromptTemplate template,
        boolean publicRequested,
        boolean useBrandKit,
        PresetRendering preset,
        List<String> warnings) {

    public ResolvedPrompt {
        warnings = List.copyOf(warnings);
    }
}
