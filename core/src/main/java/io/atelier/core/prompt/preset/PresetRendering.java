package io.atelier.core.prompt.preset;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.Resolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A preset rendered with its variables: the prompt, the values as used (defaults filled in), the
 * file inputs sorted by role, and the preset's defaults for the generation.
 *
 * <p>How a surface passes the files on: {@link #sourceImage()} becomes the generation's edit
 * source (unless the request has its own); {@link #referenceImages()} are reference images, in
 * the order the prompt numbers them ("reference image 1", "reference images 2-3").
 *
 * @param preset         the preset
 * @param prompt         the rendered prompt, the user's prompt included
 * @param variables      every text/enum/number value as used (String or BigDecimal), defaults included
 * @param files          every file input, in requirement order then upload order
 * @param model          the preset's default model id, or null
 * @param aspectRatio    the preset's default aspect ratio, or null
 * @param resolution     the preset's default resolution, or null
 * @param template       the preset's enhancement template, or null
 * @param negativePrompt the preset's negative prompt, or null
 */
public record PresetRendering(
        Preset preset,
        String prompt,
        Map<String, Object> variables,
        List<PresetFile> files,
        String model,
        AspectRatio aspectRatio,
        Resolution resolution,
        String template,
        String negativePrompt) {

    public PresetRendering {
        variables = Map.copyOf(variables);
        files = List.copyOf(files);
    }

    /** The file to edit, when the preset has a {@code source} file requirement and it was given. */
    public Optional<PresetFile> sourceImage() {
        return files.stream().filter(f -> f.role() == FileRole.SOURCE).findFirst();
    }

    /** The reference images, numbered from 1 in this order in the prompt. */
    public List<PresetFile> referenceImages() {
        return files.stream().filter(f -> f.role() == FileRole.REFERENCE).toList();
    }
}
