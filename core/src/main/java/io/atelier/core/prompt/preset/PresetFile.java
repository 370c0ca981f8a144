package io.atelier.core.prompt.preset;

import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.util.Objects;

/**
 * One file input of a rendered preset.
 *
 * @param requirementKey the requirement it was given for
 * @param index          position within that requirement (0 for single files; the {@code key_0},
 *                       {@code key_1} … order of v0 multipart uploads)
 * @param role           edit source or reference
 * @param image          the bytes and media type
 */
public record PresetFile(String requirementKey, int index, FileRole role, SourceImage image) {
    public PresetFile {
        Objects.requireNonNull(requirementKey, "requirementKey");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(image, "image");
    }
}
