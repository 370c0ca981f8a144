package io.atelier.core.generation;

import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderRequest.Upscale;
import io.atelier.core.provider.Resolution;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A surface-neutral request for images: what every API dialect, chat command and tool turns its
 * input into. Null means "not given" (the service applies defaults and validates).
 *
 * @param prompt          the prompt as the user wrote it (may hold inline flags, may be empty with a preset)
 * @param model           catalog id; null = the catalog default
 * @param count           images wanted; null = 1
 * @param aspectRatio     wanted ratio; exclusive with {@code size}
 * @param size            exact pixel size; exclusive with {@code aspectRatio}
 * @param resolution      1K/2K/4K class for ratio-based sizing; null = 1K
 * @param seed            null = random (the chosen seed is stored)
 * @param negativePrompt  what to avoid
 * @param autoEnhance     enhance the prompt (Banatie default true)
 * @param template        enhancement template name
 * @param background      transparent | opaque | auto
 * @param options         provider-specific extras (quality, style, output format, user …)
 * @param meta            caller's metadata, returned as given
 * @param requestAsGiven  the raw request of the surface, stored for audit and support
 * @param publicRequested the user asks to publish to the gallery (moderated)
 * @param idempotencyKey  same key, same team: the first generation is returned, no second job
 * @param source          the surface
 * @param editImage       source image for edits, or null
 * @param mask            edit mask, or null
 * @param presetId        preset to render (the prompt pipeline's {@code presets}), or null
 * @param variables       the preset's text/enum/number values by requirement key
 * @param files           the preset's file inputs by requirement key (v0 multipart {@code key}, {@code key_0} …)
 * @param parseInlineParameters read Midjourney-style flags ({@code --ar 16:9 --no text}) from the prompt:
 *                        chat commands and agents set it; HTTP APIs only when the client asks
 * @param useBrandKit     apply the team's brand kit (chat option {@code use_brand_colors})
 * @param referenceImages images to take inspiration from (v0 {@code refImageBase64}/{@code refImageUrls}, the
 *                        native {@code referenceImages}, chat attachments), already fetched by the surface; the
 *                        model takes up to its {@code maxReferenceImages}, the rest are dropped with a warning
 * @param creditsPerImage the surface's own price of one image (v0's per-resolution credit table); null =
 *                        the model's {@code creditCost}. Charged × count at submit, refunded on failure
 *                        or cancel like any charge. Must be 0 or more.
 * @param strength        how far to move from {@code editImage} (0 keeps it, 1 ignores it), or null for the
 *                        model's default; needs an image to start from
 * @param upscale         set when the task is to enlarge {@code editImage} (a chat Upscale); the model needs an
 *                        upscaler, {@code size} is the size wanted, one image
 */
public record GenerationRequest(
        String prompt,
        String model,
        Integer count,
        AspectRatio aspectRatio,
        ImageSize size,
        Resolution resolution,
        Long seed,
        String negativePrompt,
        Boolean autoEnhance,
        String template,
        String background,
        Map<String, String> options,
        Map<String, Object> meta,
        Map<String, Object> requestAsGiven,
        boolean publicRequested,
        String idempotencyKey,
        GenerationSource source,
        SourceImage editImage,
        SourceImage mask,
        String presetId,
        Map<String, Object> variables,
        Map<String, List<SourceImage>> files,
        boolean parseInlineParameters,
        boolean useBrandKit,
        List<SourceImage> referenceImages,
        Integer creditsPerImage,
        Double strength,
        Upscale upscale) {

    public GenerationRequest {
        Objects.requireNonNull(source, "source");
        options = options == null ? Map.of() : Map.copyOf(options);
        meta = meta == null ? Map.of() : meta;
        requestAsGiven = requestAsGiven == null ? Map.of() : requestAsGiven;
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        files = files == null ? Map.of() : Map.copyOf(files);
        referenceImages = referenceImages == null ? List.of() : List.copyOf(referenceImages);
    }

    /** The fields before {@code strength} and {@code upscale} existed: the model's default, no upscale. */
    public GenerationRequest(String prompt, String model, Integer count, AspectRatio aspectRatio, ImageSize size,
                             Resolution resolution, Long seed, String negativePrompt, Boolean autoEnhance, String template,
                             String background, Map<String, String> options, Map<String, Object> meta,
                             Map<String, Object> requestAsGiven, boolean publicRequested, String idempotencyKey,
                             GenerationSource source, SourceImage editImage, SourceImage mask, String presetId,
                             Map<String, Object> variables, Map<String, List<SourceImage>> files,
                             boolean parseInlineParameters, boolean useBrandKit, List<SourceImage> referenceImages,
                             Integer creditsPerImage) {
        this(prompt, model, count, aspectRatio, size, resolution, seed, negativePrompt, autoEnhance, template, background,
                options, meta, requestAsGiven, publicRequested, idempotencyKey, source, editImage, mask, presetId, variables,
                files, parseInlineParameters, useBrandKit, referenceImages, creditsPerImage, null, null);
    }

    /** The fields before {@code referenceImages} and {@code creditsPerImage} existed: none, model price. */
    public GenerationRequest(String prompt, String model, Integer count, AspectRatio aspectRatio, ImageSize size,
                             Resolution resolution, Long seed, String negativePrompt, Boolean autoEnhance, String template,
                             String background, Map<String, String> options, Map<String, Object> meta,
                             Map<String, Object> requestAsGiven, boolean publicRequested, String idempotencyKey,
                             GenerationSource source, SourceImage editImage, SourceImage mask, String presetId,
                             Map<String, Object> variables, Map<String, List<SourceImage>> files,
                             boolean parseInlineParameters, boolean useBrandKit) {
        this(prompt, model, count, aspectRatio, size, resolution, seed, negativePrompt, autoEnhance, template, background,
                options, meta, requestAsGiven, publicRequested, idempotencyKey, source, editImage, mask, presetId, variables,
                files, parseInlineParameters, useBrandKit, List.of(), null, null, null);
    }

    /** A plain text-to-image request with defaults for everything else. */
    public static GenerationRequest ofPrompt(String prompt, GenerationSource source) {
        return builder(source).prompt(prompt).build();
    }

    public static Builder builder(GenerationSource source) {
        return new Builder(source);
    }

    /** Builder for the many optional fields; surfaces set what they received. */
    public static final class Builder {
        private final GenerationSource source;
        private String prompt;
        private String model;
        private Integer count;
        private AspectRatio aspectRatio;
        private ImageSize size;
        private Resolution resolution;
        private Long seed;
        private String negativePrompt;
        private Boolean autoEnhance;
        private String template;
        private String background;
        private Map<String, String> options;
        private Map<String, Object> meta;
        private Map<String, Object> requestAsGiven;
        private boolean publicRequested;
        private String idempotencyKey;
        private SourceImage editImage;
        private SourceImage mask;
        private String presetId;
        private Map<String, Object> variables;
        private Map<String, List<SourceImage>> files;
        private boolean parseInlineParameters;
        private boolean useBrandKit;
        private List<SourceImage> referenceImages;
        private Integer creditsPerImage;
        private Double strength;
        private Upscale upscale;

        private Builder(GenerationSource source) {
            this.source = source;
        }

        public Builder prompt(String v) { this.prompt = v; return this; }
        public Builder model(String v) { this.model = v; return this; }
        public Builder count(Integer v) { this.count = v; return this; }
        public Builder aspectRatio(AspectRatio v) { this.aspectRatio = v; return this; }
        public Builder size(ImageSize v) { this.size = v; return this; }
        public Builder resolution(Resolution v) { this.resolution = v; return this; }
        public Builder seed(Long v) { this.seed = v; return this; }
        public Builder negativePrompt(String v) { this.negativePrompt = v; return this; }
        public Builder autoEnhance(Boolean v) { this.autoEnhance = v; return this; }
        public Builder template(String v) { this.template = v; return this; }
        public Builder background(String v) { this.background = v; return this; }
        public Builder options(Map<String, String> v) { this.options = v; return this; }
        public Builder meta(Map<String, Object> v) { this.meta = v; return this; }
        public Builder requestAsGiven(Map<String, Object> v) { this.requestAsGiven = v; return this; }
        public Builder publicRequested(boolean v) { this.publicRequested = v; return this; }
        public Builder idempotencyKey(String v) { this.idempotencyKey = v; return this; }
        public Builder editImage(SourceImage v) { this.editImage = v; return this; }
        public Builder mask(SourceImage v) { this.mask = v; return this; }
        public Builder presetId(String v) { this.presetId = v; return this; }
        public Builder variables(Map<String, Object> v) { this.variables = v; return this; }
        public Builder files(Map<String, List<SourceImage>> v) { this.files = v; return this; }
        public Builder parseInlineParameters(boolean v) { this.parseInlineParameters = v; return this; }
        public Builder useBrandKit(boolean v) { this.useBrandKit = v; return this; }
        public Builder referenceImages(List<SourceImage> v) { this.referenceImages = v; return this; }
        /** The surface's price of one image instead of the model's (see {@link GenerationRequest#creditsPerImage()}). */
        public Builder creditsPerImage(Integer v) { this.creditsPerImage = v; return this; }
        /** How far to move from the image to edit, 0–1 (see {@link GenerationRequest#strength()}). */
        public Builder strength(Double v) { this.strength = v; return this; }
        /** Enlarge the image to edit instead of generating (see {@link GenerationRequest#upscale()}). */
        public Builder upscale(Upscale v) { this.upscale = v; return this; }

        public GenerationRequest build() {
            return new GenerationRequest(prompt, model, count, aspectRatio, size, resolution, seed, negativePrompt,
                    autoEnhance, template, background, options, meta, requestAsGiven, publicRequested, idempotencyKey,
                    source, editImage, mask, presetId, variables, files, parseInlineParameters, useBrandKit,
                    referenceImages, creditsPerImage, strength, upscale);
        }
    }
}
