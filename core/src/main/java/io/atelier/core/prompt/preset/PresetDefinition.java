package io.atelier.core.prompt.preset;

import java.util.List;

/**
 * What a team sends to create or replace a preset; {@link PresetService} validates it (every
 * placeholder must name a requirement, defaults must fit their type, the model must exist …).
 * Fields mean what they mean on {@link Preset}.
 */
public record PresetDefinition(
        String name,
        String description,
        String prompt,
        List<PresetRequirement> requirements,
        String model,
        String aspectRatio,
        String resolution,
        String template,
        String negativePrompt) {
}
