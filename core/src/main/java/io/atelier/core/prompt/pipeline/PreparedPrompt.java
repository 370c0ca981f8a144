package io.atelier.core.prompt.pipeline;

import io.atelier.core.prompt.enhance.EnhancementMethod;
import java.util.List;

/**
 * The pipeline's result: the resolved request plus the final prompt.
 *
 * @param resolved    the first stage's result (parameters, preset, original prompt)
 * @param prompt      the prompt to generate with: enhanced (and branded) when asked, else
 *                    {@code resolved.originalPrompt()}
 * @param enhancement how the prompt was enhanced
 * @param warnings    every warning of both stages, in order
 */
public record PreparedPrompt(ResolvedPrompt resolved, String prompt, EnhancementMethod enhancement, List<String> warnings) {

    public PreparedPrompt {
        warnings = List.copyOf(warnings);
    }

    public String originalPrompt() {
        return resolved.originalPrompt();
    }
}
