package io.atelier.core.generation;

import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import io.atelier.core.image.UploadedImageException;
import io.atelier.core.image.UploadedImages;
import io.atelier.core.prompt.pipeline.PreparedPrompt;
import io.atelier.core.prompt.PromptInput;
import io.atelier.core.prompt.pipeline.PromptPipeline;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.prompt.pipeline.ResolvedPrompt;
import io.atelier.core.prompt.preset.PresetFile;
import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import io.atelier.core.storage.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Turns a surface's {@link GenerationRequest} into the {@link Generation} to store: the prompt
 * pipeline (preset, inline flags, moderation, enhancement), every check of the request against the
 * model's capabilities (each error names its field), and the uploads sanitized and stored. Nothing
 * is charged or stored in the database here.
 */
@Component
class GenerationPreparation {

    static final int MAX_META_JSON = 16 * 1024;
    static final Set<String> BACKGROUNDS = Set.of("transparent", "opaque", "auto");

    private final PromptPipeline pipeline;
    private final ImageStore store;

    GenerationPreparation(PromptPipeline pipeline, ImageStore store) {
        this.pipeline = pipeline;
        this.store = store;
    }

    /**
     * Runs the prompt pipeline's first stage (preset, inline flags, parameter precedence,
     * moderation), validates everything cheap, then enhances (which may call the LLM) and checks
     * the final prompt against the model's limit. Nothing is charged or stored here.
     */
    Generation prepare(Caller caller, GenerationRequest request) {
        ResolvedPrompt resolved = pipelineStep(() -> pipeline.resolve(caller, promptInput(request)));
        ModelDescriptor model = resolved.model();
        ModelCapabilities caps = model.capabilities();
        List<String> warnings = new ArrayList<>();

        String original = resolved.originalPrompt();
        if (original.length() > model.promptLimit()) {
            throw GenerationValidationException.invalid("prompt", "prompt is " + original.length()
                    + " characters; model " + model.id() + " accepts at most " + model.promptLimit());
        }

        int count = resolved.count() == null ? 1 : resolved.count();
        if (count < 1 || count > caps.maxCount()) {
            throw GenerationValidationException.invalid("count", "count must be between 1 and " + caps.maxCount()
                    + " for model " + model.id());
        }

        if (request.size() != null && request.aspectRatio() != null) {
            throw GenerationValidationException.invalid("size", "give either size or aspectRatio, not both");
        }
        ImageSize size;
        String aspectRatio;
        if (request.size() != null) {
            size = request.size();
            // An upscale's size is what the upscaler makes of its image, not one the model draws.
            if (!caps.supports(size) && request.upscale() == null) {
                throw GenerationValidationException.invalid("size", "size " + size + " is not supported by model "
                        + model.id() + (caps.anySize() ? "; largest side is " + caps.maxPixelSide()
                        : "; supported: " + String.join(", ", caps.sizes().stream().map(ImageSize::toString).toList())));
            }
            aspectRatio = AspectRatio.of(size).map(AspectRatio::toString).orElse(null);
        } else {
            AspectRatio ratio = resolved.aspectRatio() == null ? AspectRatio.SQUARE : resolved.aspectRatio();
            Resolution resolution = resolved.resolution() == null ? Resolution.R1K : resolved.resolution();
            size = caps.sizeFor(ratio, resolution);
            aspectRatio = ratio.toString();
            if (!ratio.approximates(size)) {
                warnings.add("model " + model.id() + " has no " + ratio + " size; using " + size);
            }
        }

        long seed = resolved.seed() == null ? Ids.seed() : resolved.seed();
        if (seed < 0 || seed > GenerationService.MAX_SEED) {
            throw GenerationValidationException.invalid("seed", "seed must be between 0 and " + GenerationService.MAX_SEED);
        }
        if (resolved.seed() != null && !caps.seed()) {
            warnings.add("model " + model.id() + " does not support seeds; the seed is recorded but not applied");
        }

        String negative = blankToNull(resolved.negativePrompt());
        if (negative != null && negative.length() > model.promptLimit()) {
            throw GenerationValidationException.invalid("negativePrompt", "negativePrompt must be at most "
                    + model.promptLimit() + " characters");
        }
        if (negative != null && !caps.negativePrompt()) {
            warnings.add("model " + model.id() + " does not support negative prompts; it was ignored");
        }

        String background = blankToNull(request.background());
        if (background != null) {
            background = background.toLowerCase(Locale.ROOT);
            if (!BACKGROUNDS.contains(background)) {
                throw GenerationValidationException.invalid("background", "background must be transparent, opaque or auto");
            }
            if (background.equals("transparent") && !caps.transparentBackground()) {
                throw GenerationValidationException.invalid("background", "model " + model.id()
                        + " cannot make transparent backgrounds");
            }
        }

        SourceImage editImage = request.editImage();
        PresetRendering preset = resolved.preset();
        if (preset != null) {
            Optional<PresetFile> presetSource = preset.sourceImage();
            if (presetSource.isPresent()) {
                String key = presetSource.get().requirementKey();
                if (editImage != null) {
                    warnings.add("the preset's source image '" + key + "' was not used: the request has its own image to edit");
                } else if (!caps.edits()) {
                    throw GenerationValidationException.invalid("files." + key, "model " + model.id()
                            + " does not support edits, which preset file '" + key + "' needs");
                } else {
                    editImage = presetSource.get().image();
                }
            }
        }
        // Strength, upscale and reference images (the preset's, then the request's) against the model.
        List<SourceImage> references = GenerationImageInputs.check(request, preset == null ? List.of()
                : preset.referenceImages().stream().map(PresetFile::image).toList(), editImage != null, count, model, warnings);
        Integer creditsPerImage = request.creditsPerImage();
        if (creditsPerImage != null && creditsPerImage < 0) {
            throw GenerationValidationException.invalid("creditsPerImage", "creditsPerImage must be 0 or more");
        }
        long credits = (long) (creditsPerImage == null ? model.creditCost() : creditsPerImage) * count;
        if (request.mask() != null && editImage == null) {
            throw GenerationValidationException.invalid("mask", "a mask needs an image to edit");
        }
        if (editImage != null && !caps.edits() && request.upscale() == null) {
            throw GenerationValidationException.invalid("image", "model " + model.id() + " does not support edits");
        }
        if (request.mask() != null && !caps.masks()) {
            throw GenerationValidationException.invalid("mask", "model " + model.id() + " does not support masks");
        }

        if (Json.write(request.meta()).length() > MAX_META_JSON) {
            throw GenerationValidationException.invalid("meta", "meta must be at most " + MAX_META_JSON + " bytes of JSON");
        }

        PreparedPrompt prepared = pipelineStep(() -> pipeline.enhance(resolved));
        String prompt = prepared.prompt();
        if (prompt.length() > model.promptLimit()) {
            throw GenerationValidationException.invalid("prompt", "prompt is " + prompt.length()
                    + " characters; model " + model.id() + " accepts at most " + model.promptLimit());
        }
        List<String> allWarnings = new ArrayList<>(prepared.warnings());
        allWarnings.addAll(warnings);

        // Every uploaded image passes the one gate (type from bytes, header size before decoding,
        // pixel cap, re-encoded without metadata) before it is stored or reaches a provider.
        editImage = editImage == null ? null : sanitizeUpload("image", editImage);
        SourceImage mask = request.mask() == null ? null : sanitizeUpload("mask", request.mask());
        String editHash = editImage == null ? null : putBlob(editImage.bytes());
        String maskHash = mask == null ? null : putBlob(mask.bytes());
        GenerationImageInputs imageInputs = GenerationImageInputs.store(request, references,
                GenerationPreparation::sanitizeUpload, this::putBlob);

        Instant now = Timestamps.now();
        String template = resolved.template() == null ? null : resolved.template().name();
        return new Generation(Ids.uuid(), caller.teamId(), GenerationStatus.QUEUED, request.source(),
                new Generation.Asked(model.id(), preset == null ? null : preset.preset().id(), original, prompt,
                        negative, template, resolved.autoEnhance(), aspectRatio, size.width(), size.height(), count,
                        seed, background, request.options(), request.requestAsGiven(), request.meta(),
                        resolved.publicRequested()),
                new Generation.Inputs(editHash, editImage == null ? null : editImage.mimeType(), maskHash,
                        mask == null ? null : mask.mimeType(), imageInputs),
                new Generation.Progress(0, "queued", null, 0),
                new Generation.Outcome(null, null, List.of(), null, List.copyOf(allWarnings)),
                new Generation.Timing(now, now, null, null, null),
                new Generation.Billing(credits));
    }

    private static PromptInput promptInput(GenerationRequest request) {
        return PromptInput.builder()
                .prompt(request.prompt())
                .presetId(request.presetId())
                .variables(request.variables())
                .files(request.files())
                .parseInlineParameters(request.parseInlineParameters())
                .useBrandKit(request.useBrandKit())
                .model(request.model())
                .aspectRatio(request.aspectRatio())
                .size(request.size())
                .resolution(request.resolution())
                .seed(request.seed())
                .count(request.count())
                .negativePrompt(request.negativePrompt())
                .autoEnhance(request.autoEnhance())
                .template(request.template())
                .publicRequested(request.publicRequested())
                .build();
    }

    /** Pipeline validation errors become the service's own, so every surface maps them as before. */
    private static <T> T pipelineStep(Supplier<T> step) {
        try {
            return step.get();
        } catch (PromptValidationException e) {
            throw new GenerationValidationException(e.code(), e.field(), e.getMessage());
        }
    }

    /** The upload re-encoded by {@link UploadedImages}, or a validation error naming {@code field}. */
    private static SourceImage sanitizeUpload(String field, SourceImage upload) {
        try {
            UploadedImages.Sanitized clean = UploadedImages.sanitize(upload.bytes(), UploadedImages.DEFAULT_MAX_PIXELS);
            return new SourceImage(clean.bytes(), clean.mimeType());
        } catch (UploadedImageException e) {
            throw new GenerationValidationException(e.code(), field, field + ": " + e.getMessage());
        }
    }

    private String putBlob(byte[] bytes) {
        try {
            return store.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the uploaded image", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
