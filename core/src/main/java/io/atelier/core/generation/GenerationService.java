package io.atelier.core.generation;

import io.atelier.core.jobs.JobScheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.PreparedPrompt;
import io.atelier.core.prompt.PromptInput;
import io.atelier.core.prompt.PromptPipeline;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.prompt.ResolvedPrompt;
import io.atelier.core.prompt.preset.PresetFile;
import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.image.UploadedImageException;
import io.atelier.core.image.UploadedImages;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one generation service every surface uses: validate, charge, persist, enqueue; read, list,
 * cancel, delete; wait for the end.
 *
 * <p>Ownership: every read and change takes the {@link Caller}; another team's generation is
 * reported as not found, never as forbidden.
 */
@Service
public class GenerationService {

    /** Largest seed accepted: JavaScript's safe integer range, so every client reads it exactly. */
    public static final long MAX_SEED = 9_007_199_254_740_991L;
    static final int MAX_META_JSON = 16 * 1024;
    static final Set<String> BACKGROUNDS = Set.of("transparent", "opaque", "auto");

    private static final Logger log = LoggerFactory.getLogger(GenerationService.class);

    private final GenerationRepository repository;
    private final ImageRepository images;
    private final ImageStore store;
    private final PromptPipeline pipeline;
    private final AccountService accounts;
    private final JobScheduler scheduler;
    private final GenerationWorker worker;
    private final GenerationWaiters waiters;
    private final RunningGenerations running;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    GenerationService(GenerationRepository repository, ImageRepository images, ImageStore store, PromptPipeline pipeline,
                      AccountService accounts, JobScheduler scheduler, GenerationWorker worker, GenerationWaiters waiters,
                      RunningGenerations running, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.repository = repository;
        this.images = images;
        this.store = store;
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.scheduler = scheduler;
        this.worker = worker;
        this.waiters = waiters;
        this.running = running;
        this.tx = tx;
        this.events = events;
    }

    /**
     * Validates the request, charges the team, stores the generation as QUEUED and enqueues its job,
     * all in one transaction. With an idempotency key already used by the team, returns that
     * generation instead (no second job, no second charge).
     *
     * <p>The prompt goes through the {@link PromptPipeline} first (preset, inline flags, moderation,
     * enhancement): a blocked prompt costs nothing and creates no job.
     *
     * @throws GenerationValidationException for bad input (the field is named), pipeline errors included
     * @throws io.atelier.core.prompt.PromptBlockedException when moderation refuses the prompt ({@code PROMPT_BLOCKED})
     * @throws io.atelier.core.prompt.PromptCooldownException while the caller cools down after repeated blocks
     * @throws io.atelier.core.account.InsufficientCreditsException when the team cannot pay
     */
    public Generation submit(Caller caller, GenerationRequest request) {
        return submit(caller, request, SubmitHook.NONE);
    }

    /**
     * {@link #submit(Caller, GenerationRequest)} with {@code hook} run first inside the transaction
     * that stores the generation (see {@link SubmitHook} for its contract); an exception it throws
     * is rethrown here with nothing stored or charged.
     */
    public Generation submit(Caller caller, GenerationRequest request, SubmitHook hook) {
        String idempotencyKey = blankToNull(request.idempotencyKey());
        if (idempotencyKey != null) {
            if (idempotencyKey.length() > 200) {
                throw GenerationValidationException.invalid("idempotencyKey", "idempotencyKey must be at most 200 characters");
            }
            Optional<Generation> existing = repository.findByIdempotencyKey(caller.teamId(), idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Generation generation = prepare(caller, request);
        try {
            tx.executeWithoutResult(status -> {
                hook.beforeStore(generation);
                repository.insert(generation, idempotencyKey);
                accounts.charge(caller.teamId(), generation.id(), generation.creditsCharged());
                scheduleJob(generation);
            });
        } catch (DuplicateKeyException raced) {
            if (idempotencyKey != null) {
                return repository.findByIdempotencyKey(caller.teamId(), idempotencyKey).orElseThrow(() -> raced);
            }
            throw raced;
        }
        // Committed: wake a local worker now instead of at the next poll.
        scheduler.triggerCheckForDueExecutions();
        Generation saved = generation.withImages(List.of());
        events.publishEvent(new GenerationEvent(saved, GenerationEvent.Kind.SUBMITTED));
        log.info("generation {} queued: team={} model={} count={} size={}x{} source={}", saved.id(), saved.teamId(),
                saved.model(), saved.count(), saved.width(), saved.height(), saved.source().wireName());
        return saved;
    }

    private void scheduleJob(Generation generation) {
        // Fair queuing between teams: the job engine runs due jobs oldest execution time first,
        // so the job's execution time is its fair-queue slot (always in the past: always due).
        long slot = repository.assignQueueSlot(generation.id(), generation.teamId());
        scheduler.scheduleIfNotExists(worker.task().instanceBuilder(generation.id())
                .data(generation.id())
                .scheduledTo(GenerationWorker.slotTime(slot)));
    }

    /**
     * Runs the prompt pipeline's first stage (preset, inline flags, parameter precedence,
     * moderation), validates everything cheap, then enhances (which may call the LLM) and checks
     * the final prompt against the model's limit. Nothing is charged or stored here.
     */
    private Generation prepare(Caller caller, GenerationRequest request) {
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
        if (seed < 0 || seed > MAX_SEED) {
            throw GenerationValidationException.invalid("seed", "seed must be between 0 and " + MAX_SEED);
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
        GenerationImageInputs imageInputs = GenerationImageInputs.store(request, references, GenerationService::sanitizeUpload,
                this::putBlob);

        Instant now = Timestamps.now();
        String template = resolved.template() == null ? null : resolved.template().name();
        return new Generation(Ids.uuid(), caller.teamId(), GenerationStatus.QUEUED, request.source(), model.id(), original,
                prompt, negative, aspectRatio, size.width(), size.height(), count, seed, resolved.autoEnhance(),
                template, background, request.options(), request.requestAsGiven(), request.meta(),
                List.copyOf(allWarnings), resolved.publicRequested(), 0, "queued", 0, null, null,
                credits, null, editHash,
                editImage == null ? null : editImage.mimeType(), maskHash,
                mask == null ? null : mask.mimeType(), now, now, null, null, null, List.of(),
                preset == null ? null : preset.preset().id(), null, imageInputs);
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

    /** The caller's generation with its images. */
    public Generation get(Caller caller, String id) {
        return find(caller, id).orElseThrow(() -> new GenerationNotFoundException(id));
    }

    public Optional<Generation> find(Caller caller, String id) {
        if (!Ids.isUuid(id)) {
            return Optional.empty();
        }
        return repository.find(id).filter(g -> g.teamId().equals(caller.teamId()));
    }

    /** A page of the caller's generations, newest first. */
    public Page list(Caller caller, GenerationStatus status, int limit, int offset) {
        List<Generation> items = repository.list(caller.teamId(), status, limit, offset);
        long total = repository.count(caller.teamId(), status);
        return new Page(items, limit, offset, total);
    }

    /**
     * A page of the caller's output images, newest first, each with its generation (the image
     * libraries of the dialects).
     *
     * @param presetId     only images of generations rendered from this preset; null = any
     * @param search       case-insensitive substring of the prompt as written (preset text rendered in), or
     *                     null; with {@code searchPresetIds}, images of those presets match too
     * @param searchPresetIds preset ids whose name matched {@code search} (the caller knows the presets)
     */
    public ImagePage listImages(Caller caller, String presetId, String search, Collection<String> searchPresetIds,
                                int limit, int offset) {
        String pattern = search == null || search.isBlank() ? null : "%" + likeEscape(search.strip().toLowerCase(Locale.ROOT)) + "%";
        Collection<String> byName = pattern == null || searchPresetIds == null ? List.of() : searchPresetIds;
        List<GenerationRepository.ImageRef> refs = repository.imagePage(caller.teamId(), presetId, pattern, byName, limit, offset);
        long total = repository.countImages(caller.teamId(), presetId, pattern, byName);
        Map<String, Generation> byId = new HashMap<>();
        repository.findAllWithImages(refs.stream().map(GenerationRepository.ImageRef::generationId).distinct().toList())
                .forEach(g -> byId.put(g.id(), g));
        List<GeneratedImage> items = new ArrayList<>();
        for (GenerationRepository.ImageRef ref : refs) {
            Generation g = byId.get(ref.generationId());
            if (g == null) {
                continue; // deleted between the two reads
            }
            g.images().stream().filter(i -> i.id().equals(ref.imageId())).findFirst()
                    .ifPresent(image -> items.add(new GeneratedImage(g, image)));
        }
        return new ImagePage(List.copyOf(items), limit, offset, total);
    }

    /** The caller's output image with its generation; empty for another team's or an unknown id. */
    public Optional<GeneratedImage> findImage(Caller caller, String imageId) {
        if (!Ids.isUuid(imageId)) {
            return Optional.empty();
        }
        return images.findById(imageId).filter(i -> i.teamId().equals(caller.teamId()))
                .flatMap(i -> find(caller, i.generationId()).flatMap(g -> g.images().stream()
                        .filter(x -> x.id().equals(imageId)).findFirst().map(x -> new GeneratedImage(g, x))));
    }

    /**
     * The bytes of an image the caller obtained through this service ({@link #get}, {@link #findImage},
     * {@link #listImages}), so ownership is already checked. The caller closes the stream. Empty when
     * the blob is gone.
     */
    public Optional<InputStream> openImage(StoredImage image) {
        try {
            return store.open(image.contentHash());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + image.id(), e);
        }
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** An output image and the generation that made it. */
    public record GeneratedImage(Generation generation, StoredImage image) {
    }

    /** One page of the image library. */
    public record ImagePage(List<GeneratedImage> items, int limit, int offset, long total) {
    }

    /** One page of a listing. */
    public record Page(List<Generation> items, int limit, int offset, long total) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /**
     * Cancels a queued or running generation and refunds its credits. A queued job never starts;
     * a running one is asked to stop (cooperatively, on whichever instance runs it).
     *
     * @throws GenerationStateException when it already ended
     */
    public Generation cancel(Caller caller, String id) {
        Generation generation = get(caller, id);
        if (generation.status().isTerminal()) {
            throw new GenerationStateException("GENERATION_NOT_CANCELABLE", "generation " + id + " already ended with status "
                    + generation.status().name().toLowerCase(Locale.ROOT));
        }
        Boolean canceled = tx.execute(status -> {
            if (!repository.markCanceled(id, Timestamps.now())) {
                return false;
            }
            accounts.refund(id);
            return true;
        });
        if (!Boolean.TRUE.equals(canceled)) {
            Generation now = get(caller, id);
            throw new GenerationStateException("GENERATION_NOT_CANCELABLE", "generation " + id + " already ended with status "
                    + now.status().name().toLowerCase(Locale.ROOT));
        }
        running.cancel(id);
        removeQueuedJob(id);
        Generation result = get(caller, id);
        events.publishEvent(new GenerationEvent(result, GenerationEvent.Kind.FINISHED));
        log.info("generation {} canceled", id);
        return result;
    }

    private void removeQueuedJob(String id) {
        try {
            scheduler.cancel(TaskInstanceId.of(GenerationWorker.TASK_NAME, id));
        } catch (RuntimeException pickedOrGone) {
            // Running (its worker sees CANCELED and stops) or already gone: nothing to remove.
        }
    }

    /**
     * Deletes a generation and its images (record, image rows, and blobs no other image uses).
     * A queued or running generation is canceled first.
     */
    public void delete(Caller caller, String id) {
        Generation generation = get(caller, id);
        if (!generation.status().isTerminal()) {
            try {
                cancel(caller, id);
            } catch (GenerationStateException endedMeanwhile) {
                // Ended between the read and the cancel: delete it as it is.
            }
        }
        List<StoredImage> stored = images.findByGeneration(id);
        tx.executeWithoutResult(status -> {
            images.deleteByGeneration(id);
            repository.delete(id);
        });
        Set<String> hashes = new HashSet<>();
        stored.forEach(i -> hashes.add(i.contentHash()));
        if (generation.editImageHash() != null) {
            hashes.add(generation.editImageHash());
        }
        if (generation.maskHash() != null) {
            hashes.add(generation.maskHash());
        }
        generation.imageInputs().references().forEach(r -> hashes.add(r.contentHash()));
        hashes.forEach(worker::deleteBlobIfUnused);
        log.info("generation {} deleted with {} image(s)", id, stored.size());
    }

    /**
     * Completes when the generation is terminal, or after {@code timeout} with its state then.
     * No thread is held while waiting.
     */
    public CompletableFuture<Generation> awaitFinished(Caller caller, String id, Duration timeout) {
        get(caller, id);
        return waiters.await(id, timeout);
    }

    /** Queued generations created before this one: its place in line (0 = next). */
    public long queuePosition(Generation generation) {
        return generation.status() == GenerationStatus.QUEUED ? repository.queuedAhead(generation.id()) : 0;
    }

    /** Generations per status, over all teams (metrics, health). */
    public Map<GenerationStatus, Long> countsByStatus() {
        return repository.countsByStatus();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
