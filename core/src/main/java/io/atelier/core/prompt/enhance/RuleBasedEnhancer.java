package io.atelier.core.prompt.enhance;

import io.atelier.core.prompt.template.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The enhancer without an LLM: deterministic, offline, instant. It keeps the user's prompt as
 * written and appends the template's style cues, most important first, skipping cues the prompt
 * already contains and stopping before the model's prompt limit. Trailing sentence punctuation of
 * the prompt ({@code .}, {@code ,}, {@code ;}, {@code :}) gives way to the cue list.
 */
final class RuleBasedEnhancer {

    private RuleBasedEnhancer() {
    }

    /** The prompt with the template's cues that fit within {@code limit} characters. */
    public static Enhancement enhance(String prompt, PromptTemplate template, int limit) {
        String base = prompt.strip().replaceAll("[\\s.,;:]+$", "");
        if (base.isEmpty()) {
            base = prompt.strip();
        }
        String lower = base.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(base);
        int added = 0;
        int skippedForLength = 0;
        for (String cue : template.cues()) {
            if (lower.contains(cue.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (out.length() + 2 + cue.length() > limit) {
                skippedForLength++;
                continue;
            }
            out.append(", ").append(cue);
            added++;
        }
        List<String> warnings = new ArrayList<>();
        if (added == 0) {
            if (skippedForLength > 0) {
                warnings.add("the prompt is too long for the " + template.name() + " template's style cues; it was used as written");
            }
            return new Enhancement(prompt.strip(), EnhancementMethod.NONE, false, warnings);
        }
        return new Enhancement(out.toString(), EnhancementMethod.RULES, false, warnings);
    }
}
