package io.atelier.core.generation;

import io.atelier.core.account.Caller;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * The one generation service every surface uses: submit ({@link GenerationSubmission}), read
 * ({@link GenerationQueries}), cancel and delete ({@link GenerationRemoval}), wait for the end. The run itself and its end are
 * the engine's ({@link GenerationRun}, {@link GenerationCompletion}).
 *
 * <p>Ownership: every read and change takes the {@link Caller}; another team's generation is
 * reported as not found, never as forbidden.
 */
@Service
public class GenerationService {

    /** Largest seed accepted: JavaScript's safe integer range, so every client reads it exactly. */
    public static final long MAX_SEED = 9_007_199_254_740_991L;

    private final GenerationSubmission submission;
    private final GenerationQueries queries;
    private final GenerationRemoval removal;
    private final GenerationWaiters waiters;

    GenerationService(GenerationSubmission submission, GenerationQueries queries, GenerationRemoval removal,
                      GenerationWaiters waiters) {
        this.submission = submission;
        this.queries = queries;
        this.removal = removal;
        this.waiters = waiters;
    }

    /**
     * Validates the request, charges the team, stores the generation and its guard row in one
     * transaction, and starts it here at once when its provider has a free place (else it waits in
     * the provider's fair queue). With an idempotency key already used by the team, returns that
     * generation instead (no second job, no second charge).
     *
     * <p>The prompt goes through the prompt pipeline first (preset, inline flags, moderation,
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
        return submission.submit(caller, request, hook, null);
    }

    /**
     * A submitted generation and the wait for its end.
     *
     * @param generation the generation as stored by the submit
     * @param finished   completes with it once terminal, or with its state after the timeout; never exceptionally
     */
    public record Submitted(Generation generation, CompletableFuture<Generation> finished) {
    }

    /**
     * Submits and waits for the end, the path of every synchronous surface: the waiter is in place
     * before the generation can start, so however fast it ends, no poll is needed to notice.
     */
    public Submitted submitAndWait(Caller caller, GenerationRequest request, Duration timeout) {
        AtomicReference<CompletableFuture<Generation>> waiting = new AtomicReference<>();
        Generation generation = submission.submit(caller, request, SubmitHook.NONE,
                stored -> waiting.set(waiters.register(stored.id(), timeout)));
        CompletableFuture<Generation> finished = waiting.get() != null ? waiting.get() : waiters.await(generation.id(), timeout);
        return new Submitted(generation, finished);
    }

    /** The caller's generation with its images. */
    public Generation get(Caller caller, String id) {
        return find(caller, id).orElseThrow(() -> new GenerationNotFoundException(id));
    }

    public Optional<Generation> find(Caller caller, String id) {
        return queries.find(caller, id);
    }

    /** A page of the caller's generations, newest first. */
    public Page list(Caller caller, GenerationStatus status, int limit, int offset) {
        return queries.list(caller, status, limit, offset);
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
        return queries.listImages(caller, presetId, search, searchPresetIds, limit, offset);
    }

    /** The caller's output image with its generation; empty for another team's or an unknown id. */
    public Optional<GeneratedImage> findImage(Caller caller, String imageId) {
        return queries.findImage(caller, imageId);
    }

    /**
     * The bytes of an image the caller obtained through this service ({@link #get}, {@link #findImage},
     * {@link #listImages}), so ownership is already checked. The caller closes the stream. Empty when
     * the blob is gone.
     *
     * <p>The one road from a surface to an image's bytes: dialects, tools and bots read here, never
     * from the image store, so where and how the bytes are kept stays the storage's business.
     */
    public Optional<InputStream> openImage(StoredImage image) {
        return queries.openImage(image);
    }

    /** {@link #openImage} read whole, for answers that carry the bytes (base64) or pass them on. */
    public Optional<byte[]> readImage(StoredImage image) {
        Optional<InputStream> in = openImage(image);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + image.id(), e);
        }
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
     * Cancels a queued or running generation and refunds its credits (see {@link GenerationRemoval#cancel}).
     *
     * @throws GenerationStateException when it already ended
     */
    public Generation cancel(Caller caller, String id) {
        return removal.cancel(caller, get(caller, id));
    }

    /**
     * Deletes a generation and its images (record, image rows, and blobs no other image uses).
     * A queued or running generation is canceled first.
     */
    public void delete(Caller caller, String id) {
        removal.delete(caller, get(caller, id));
    }

    /**
     * Completes when the generation is terminal, or after {@code timeout} with its state then.
     * No thread is held while waiting.
     */
    public CompletableFuture<Generation> awaitFinished(Caller caller, String id, Duration timeout) {
        get(caller, id);
        return waiters.await(id, timeout);
    }

    /** Queued generations that start before this one: its place in line (0 = next, and for any that is not queued). */
    public long queuePosition(Generation generation) {
        return queueEstimate(generation).position();
    }

    /** Where a queued generation stands and about when it starts. */
    public QueueEstimate queueEstimate(Generation generation) {
        return queries.queueEstimate(generation);
    }

    /** Generations per status, over all teams (metrics, health). */
    public Map<GenerationStatus, Long> countsByStatus() {
        return queries.countsByStatus();
    }
}
