package io.atelier.core.generation;

import io.atelier.core.common.Json;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderRequest.Upscale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A generation's image inputs besides its init image and mask (which keep their own columns): how far
 * to move from the init image ({@code strength}), whether the task is an {@code upscale} of it, and the
 * {@code references} (content-addressed blobs, like every stored image). Stored as JSON in
 * {@code generations.image_inputs} (V42), null when there are none, so the worker rebuilds the provider
 * request from the row it reads anyway.
 *
 * <p>One path for every surface: chat attachments and actions, the native API's {@code initImage},
 * {@code strength}, {@code referenceImages}, v0's {@code refImageBase64}/{@code refImageUrls} and a
 * preset's reference files all end here. What the model cannot use is said plainly: a strength it does
 * not take, and reference images beyond what it takes, are warnings on the generation; an upscale
 * without an upscaler, or inputs that make no sense together, are validation errors.
 *
 * @param strength   0 (keep the init image) … 1 (ignore it), or null for the model's default
 * @param upscale    the upscale task, or null
 * @param references the reference images in order, never null
 */
public record GenerationImageInputs(Double strength, Upscale upscale, List<Reference> references) {

    public static final GenerationImageInputs NONE = new GenerationImageInputs(null, null, List.of());

    /** A stored reference image: its blob and media type. */
    public record Reference(String contentHash, String mimeType) {
    }

    public GenerationImageInputs {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public boolean isEmpty() {
        return strength == null && upscale == null && references.isEmpty();
    }

    /**
     * Checks a request's strength, upscale and reference images against the model, before anything
     * is paid for, and returns the reference images the model will take (the preset's first, then the
     * request's), warning about the rest.
     *
     * @param hasInit whether the generation has an image to start from (the request's or the preset's)
     * @throws GenerationValidationException naming {@code strength}, {@code upscale} or {@code count}
     */
    static List<SourceImage> check(GenerationRequest request, List<SourceImage> presetReferences, boolean hasInit,
                                   int count, ModelDescriptor model, List<String> warnings) {
        ModelCapabilities caps = model.capabilities();
        Double strength = request.strength();
        if (strength != null) {
            if (!(strength >= 0 && strength <= 1)) {
                throw GenerationValidationException.invalid("strength", "strength must be between 0 and 1");
            }
            if (!hasInit) {
                throw GenerationValidationException.invalid("strength", "strength needs an image to start from (initImage)");
            }
            if (!caps.strength() && request.upscale() == null) {
                warnings.add("model " + model.id() + " does not take a strength; it uses the image its own way");
            }
        }
        if (request.upscale() != null) {
            if (!hasInit) {
                throw GenerationValidationException.invalid("upscale", "an upscale needs the image to enlarge (initImage)");
            }
            if (caps.upscaleFactor() == 0) {
                throw GenerationValidationException.invalid("upscale", "model " + model.id() + " has no upscaler");
            }
            if (count != 1) {
                throw GenerationValidationException.invalid("count", "an upscale makes one image");
            }
            if (request.mask() != null) {
                throw GenerationValidationException.invalid("mask", "an upscale takes no mask");
            }
        }
        List<SourceImage> all = new ArrayList<>(presetReferences);
        all.addAll(request.referenceImages());
        int max = caps.maxReferenceImages();
        if (all.size() > max) {
            warnings.add(max == 0
                    ? "model " + model.id() + " does not take reference images; " + all.size() + " reference image(s) were not used"
                    : "model " + model.id() + " takes at most " + max + " reference images; " + (all.size() - max)
                            + " of " + all.size() + " were not used");
            return List.copyOf(all.subList(0, max));
        }
        return List.copyOf(all);
    }

    /**
     * The inputs to store, once the request passed every check: each kept reference image through the
     * upload gate ({@code sanitize}, given its field name) and into the image store ({@code putBlob}).
     */
    static GenerationImageInputs store(GenerationRequest request, List<SourceImage> references,
                                       BiFunction<String, SourceImage, SourceImage> sanitize, Function<byte[], String> putBlob) {
        List<Reference> stored = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            SourceImage clean = sanitize.apply("referenceImages[" + i + "]", references.get(i));
            stored.add(new Reference(putBlob.apply(clean.bytes()), clean.mimeType()));
        }
        return new GenerationImageInputs(request.strength(), request.upscale(), stored);
    }

    /** The JSON of the {@code image_inputs} column; null when there is nothing to store. */
    String toJson() {
        if (isEmpty()) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (strength != null) {
            json.put("strength", strength);
        }
        if (upscale != null) {
            json.put("upscale", Map.of("factor", upscale.factor(), "sourceIndex", upscale.sourceIndex()));
        }
        if (!references.isEmpty()) {
            json.put("references", references.stream()
                    .map(r -> Map.of("contentHash", r.contentHash(), "mimeType", r.mimeType())).toList());
        }
        return Json.write(json);
    }

    /** Reads the {@code image_inputs} column (null: none). */
    static GenerationImageInputs fromJson(String json) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        Map<String, Object> map = Json.readMap(json);
        Double strength = map.get("strength") instanceof Number n ? n.doubleValue() : null;
        Upscale upscale = null;
        if (map.get("upscale") instanceof Map<?, ?> u && u.get("factor") instanceof Number f
                && u.get("sourceIndex") instanceof Number i) {
            upscale = new Upscale(f.intValue(), i.intValue());
        }
        List<Reference> references = new ArrayList<>();
        if (map.get("references") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> r && r.get("contentHash") instanceof String h && r.get("mimeType") instanceof String m) {
                    references.add(new Reference(h, m));
                }
            }
        }
        return new GenerationImageInputs(strength, upscale, references);
    }
}
