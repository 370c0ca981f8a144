package io.atelier.core.generation;

import io.atelier.core.account.AccountService;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderInvoker;
import io.atelier.core.provider.ProviderResult.GeneratedImage;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How a generation's run ends, each in one transaction with its guard row (a success's shared with
 * other successes, {@link GroupCommit}): SUCCEEDED with its
 * images, FAILED with a stable code and the credits refunded, or back to QUEUED when this instance
 * stops. Every transition is a compare-and-set on the status, so a cancel, a second run of a revived
 * job or a second instance never makes it end twice; the {@link GenerationEvent} goes out after the
 * commit, built from what was written rather than read back.
 */
@Component
class GenerationCompletion {

    private static final Logger log = LoggerFactory.getLogger(GenerationCompletion.class);

    private final GenerationRepository repository;
    private final ImageRepository images;
    private final ImageStore store;
    private final AccountService accounts;
    private final GenerationJobs jobs;
    private final TransactionTemplate tx;
    private final GenerationCommits commits;
    private final ApplicationEventPublisher events;
    /** Blobs stored by runs of this instance that are not attached yet, with how many runs hold each. */
    private final Map<String, Integer> heldBlobs = new ConcurrentHashMap<>();

    GenerationCompletion(GenerationRepository repository, ImageRepository images, ImageStore store, AccountService accounts,
                         GenerationJobs jobs, TransactionTemplate tx, GenerationCommits commits,
                         ApplicationEventPublisher events) {
        this.repository = repository;
        this.images = images;
        this.store = store;
        this.accounts = accounts;
        this.jobs = jobs;
        this.tx = tx;
        this.commits = commits;
        this.events = events;
    }

    /**
     * Stores the images (those the provider streamed are in the store already), then flips
     * PROCESSING → SUCCEEDED with them and deletes the guard row, in one transaction. When the
     * generation was canceled meanwhile, nothing is attached and the new blobs are dropped.
     *
     * @return whether it succeeded (false: it had ended otherwise meanwhile)
     *
     * @param running the generation as it runs (with its last progress)
     * @param fresh   its first attempt started at submit: no earlier attempt can have left image rows
     */
    boolean succeed(Generation running, ProviderInvoker.Outcome outcome, boolean fresh) throws IOException {
        Instant now = Timestamps.now();
        List<StoredImage> stored = new ArrayList<>();
        int index = 0;
        for (GeneratedImage image : outcome.result().images()) {
            String hash = image.contentHash() != null ? image.contentHash() : store.put(image.bytes());
            stored.add(new StoredImage(Ids.uuid(), running.id(), running.teamId(), index++, hash, Ids.token(24),
                    image.mimeType(), image.width(), image.height(), image.size(), image.revisedPrompt(), now));
        }
        List<String> warnings = new ArrayList<>(running.outcome().warnings());
        outcome.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
        boolean newWarnings = warnings.size() > running.outcome().warnings().size();
        long processingMs = Math.max(0, now.toEpochMilli() - running.timing().startedAt().toEpochMilli());
        String providerRequestId = outcome.result().providerRequestId();
        Boolean succeeded = commits.completion(status -> {
            if (!repository.markSucceeded(running.id(), providerRequestId, newWarnings ? warnings : null,
                    running.progress().steps(), processingMs, now)) {
                return false;
            }
            if (!fresh) {
                // Rows an earlier, interrupted attempt may have left are replaced: one set of images per generation.
                images.deleteByGeneration(running.id());
            }
            images.insertAll(stored);
            jobs.remove(running.id());
            return true;
        });
        if (!Boolean.TRUE.equals(succeeded)) {
            // Canceled (or ended by another instance) while rendering: the images were never attached.
            deleteBlobsIfUnused(stored.stream().map(StoredImage::contentHash).filter(h -> !heldBlobs.containsKey(h)).toList());
            return false;
        }
        Generation done = GenerationStates.succeeded(running, stored, warnings, providerRequestId, now, processingMs);
        if (log.isDebugEnabled()) {
            log.debug("generation {} succeeded: {} image(s) in {} ms", done.id(), stored.size(), processingMs);
        }
        publish(done, GenerationEvent.Kind.FINISHED);
        return true;
    }

    /** QUEUED|PROCESSING → FAILED with the credits refunded and the guard row deleted, once; false when already ended. */
    boolean fail(String id, String code, String message) {
        Boolean failed = tx.execute(status -> {
            if (!repository.markFailed(id, code, message, Timestamps.now())) {
                return false;
            }
            accounts.refund(id);
            jobs.remove(id);
            return true;
        });
        if (Boolean.TRUE.equals(failed)) {
            log.info("generation {} failed: {} {}", id, code, message);
            repository.find(id).ifPresent(g -> publish(g, GenerationEvent.Kind.FINISHED));
        }
        return Boolean.TRUE.equals(failed);
    }

    /**
     * PROCESSING → QUEUED because this instance stops (the attempt does not count), and the guard
     * row handed back to the job engine, so any instance (or this one after its restart) runs it.
     */
    boolean requeue(String id) {
        Boolean requeued = tx.execute(status -> {
            if (!repository.requeue(id, Timestamps.now())) {
                return false;
            }
            jobs.release(List.of(id));
            return true;
        });
        return Boolean.TRUE.equals(requeued);
    }

    /**
     * A run of this instance stored a blob that no row refers to yet: until it {@link #settleBlobs
     * settles} it, no cleanup here deletes it (blobs are content-addressed, so another run may be
     * about to attach the very same bytes).
     */
    void holdBlob(String hash) {
        heldBlobs.merge(hash, 1, Integer::sum);
    }

    /**
     * A run ended: its holds on the blobs it stored are released, and those it did not attach
     * ({@code kept} are the attached ones) are deleted unless something else uses them.
     */
    void settleBlobs(Collection<String> staged, Collection<String> kept) {
        staged.forEach(hash -> heldBlobs.computeIfPresent(hash, (h, n) -> n > 1 ? n - 1 : null));
        deleteBlobsIfUnused(staged.stream().filter(h -> !kept.contains(h)).distinct().toList());
    }

    /**
     * Deletes blobs once no image row, no generation input and no run of this instance refers to
     * them any more.
     */
    void deleteBlobsIfUnused(Collection<String> hashes) {
        for (String hash : hashes) {
            if (heldBlobs.containsKey(hash) || images.isHashReferenced(hash) || repository.isInputHashReferenced(hash)) {
                continue;
            }
            try {
                store.delete(hash);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete blob " + hash, e);
            }
        }
    }

    /** A provider's live preview, for whoever keeps previews; never fails the run. */
    void publishPreview(String generationId, ProviderContext.Preview preview) {
        try {
            events.publishEvent(new GenerationPreviewEvent(generationId, preview));
        } catch (RuntimeException e) {
            log.debug("a preview of generation {} was not taken: {}", generationId, e.toString());
        }
    }

    void publish(Generation generation, GenerationEvent.Kind kind) {
        try {
            events.publishEvent(new GenerationEvent(generation, kind));
        } catch (RuntimeException e) {
            // A listener's bug must not fail the run: the state is already committed.
            log.warn("a listener failed on {} of generation {}", kind, generation.id(), e);
        }
    }
}
