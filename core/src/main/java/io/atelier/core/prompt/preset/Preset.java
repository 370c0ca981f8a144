package io.atelier.core.prompt.preset;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reusable prompt with {@code {{variables}}}: the v0 document's preset. Built-in presets have
 * slug ids ({@code product-shot}); a team's own have UUIDs.
 *
 * @param prompt         the prompt template; {@code {{key}}} placeholders name requirements, and
 *                       {@code {{prompt}}} (optional) marks where the user's own prompt goes
 * @param requirements   the inputs, in form order
 * @param model          default model id (a request's explicit model wins), or null
 * @param aspectRatio    default aspect ratio label ({@code 16:9}), or null
 * @param resolution     default resolution ({@code 1K}, {@code 2K}, {@code 4K}), or null
 * @param template       default enhancement template, or null (then {@code general})
 * @param negativePrompt default negative prompt, or null
 */
public record Preset(
        String id,
        String teamId,
        String name,
        String description,
        String prompt,
        List<PresetRequirement> requirements,
        String model,
        String aspectRatio,
        String resolution,
        String template,
        String negativePrompt,
        boolean builtIn,
        Instant createdAt,
        Instant updatedAt) {

    public Preset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        requirements = List.copyOf(requirements);
    }
}
