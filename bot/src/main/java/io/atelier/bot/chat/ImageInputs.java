package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderRequest.Upscale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The images a chat job starts from, already fetched and checked: an attachment (image-to-image),
 * an image of an earlier result (a variation, an upscale), reference images ({@code /blend}).
 *
 * @param init       the image to start from, or null
 * @param strength   how far from {@code init} to go (0–1), or null for the model's default
 * @param references images to take inspiration from, never null
 * @param upscale    set when the job enlarges {@code init}
 * @param size       the exact output size (a variation keeps its source's), or null to size by ratio
 * @param source     where {@code init} came from, for the record ({@code upload}, {@code generation <id> image 2}), or null
 */
record ImageInputs(SourceImage init, Double strength, List<SourceImage> references, Upscale upscale, ImageSize size,
                          String source) {

    public static final ImageInputs NONE = new ImageInputs(null, null, List.of(), null, null, null);

    public ImageInputs {
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** Sets the request's image fields. */
    GenerationRequest.Builder applyTo(GenerationRequest.Builder builder) {
        if (init != null) {
            builder.editImage(init);
        }
        if (!references.isEmpty()) {
            builder.referenceImages(references);
        }
        if (size != null) {
            builder.size(size);
        }
        return builder.strength(strength).upscale(upscale);
    }

    /** What the images were, for the request as given (no bytes). */
    void describe(Map<String, Object> asGiven) {
        if (init != null) {
            asGiven.put("image", source == null ? "upload" : source);
        }
        if (strength != null) {
            asGiven.put("strength", strength);
        }
        if (!references.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            references.forEach(r -> kinds.add(r.mimeType()));
            asGiven.put("references", kinds);
        }
        if (upscale != null) {
            asGiven.put("upscale", upscale.factor());
        }
    }
}
