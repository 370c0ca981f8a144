package io.atelier.core.prompt.template;

import java.util.List;

/**
 * What a team sends to create or replace a template (validated by {@link TemplateService}).
 *
 * @param name           {@code [a-z0-9][a-z0-9_-]{0,63}}, not a built-in name
 * @param description    required, at most 500 characters
 * @param styleGuidance  required, at most 2000 characters: instructions for the LLM enhancer
 * @param cues           1–20 phrases of at most 100 characters for the rule-based enhancer
 * @param negativePrompt optional default negative prompt, at most 1000 characters
 */
public record TemplateDefinition(String name, String description, String styleGuidance, List<String> cues,
                                 String negativePrompt) {
}
