package io.atelier.core.generation;

import io.atelier.core.account.AccountService;
import io.atelier.core.account.Caller;
import io.atelier.core.common.Timestamps;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.StoredImage;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancel and delete, behind {@link GenerationService}: the two ways a generation leaves the lanes
 * before or after its end. The service has checked the caller's ownership (it passes the
 * generation it read for that caller).
 */
@Component
class GenerationRemoval {

    private static final Logger log = LoggerFactory.getLogger(GenerationRemoval.class);

    private final GenerationQueries queries;
    private final GenerationRepository repository;
    private final ImageRepository images;
    private final AccountService accounts;
    private final GenerationJobs jobs;
    private final GenerationDispatcher dispatcher;
    private final RunningGenerations running;
    private final GenerationCompletion completion;
    private final TransactionTemplate tx;

    GenerationRemoval(GenerationQueries queries, GenerationRepository repository, ImageRepository images,
                      AccountService accounts, GenerationJobs jobs, GenerationDispatcher dispatcher, RunningGenerations running,
                      GenerationCompletion completion, TransactionTemplate tx) {
        this.queries = queries;
        this.repository = repository;
        this.images = images;
        this.accounts = accounts;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.running = running;
        this.completion = completion;
        this.tx = tx;
    }

    /**
     * Cancels a queued or running generation and refunds its credits, deleting its guard row in the
     * same transaction. A queued one leaves its lane; a running one is asked to stop (cooperatively,
     * on whichever instance runs it).
     *
     * @param generation the caller's generation as just read
     * @return it as it is once canceled
     * @throws GenerationStateException when it already ended
     */
    Generation cancel(Caller caller, Generation generation) {
        String id = generation.id();
        if (generation.status().isTerminal()) {
            throw notCancelable(id, generation.status());
        }
        Boolean canceled = tx.execute(status -> {
            if (!repository.markCanceled(id, Timestamps.now())) {
                return false;
            }
            accounts.refund(id);
            jobs.remove(id);
            return true;
        });
        if (!Boolean.TRUE.equals(canceled)) {
            throw notCancelable(id, reread(caller, id).status());
        }
        if (!dispatcher.removeWaiting(id)) {
            running.cancel(id);
        }
        Generation result = reread(caller, id);
        completion.publish(result, GenerationEvent.Kind.FINISHED);
        log.info("generation {} canceled", id);
        return result;
    }

    /**
     * Deletes a generation and its images (record, image rows, and blobs no other image uses).
     * A queued or running one is canceled first.
     *
     * @param generation the caller's generation as just read
     */
    void delete(Caller caller, Generation generation) {
        String id = generation.id();
        if (!generation.status().isTerminal()) {
            try {
                cancel(caller, generation);
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
        if (generation.inputs().editImageHash() != null) {
            hashes.add(generation.inputs().editImageHash());
        }
        if (generation.inputs().maskHash() != null) {
            hashes.add(generation.inputs().maskHash());
        }
        generation.inputs().imageInputs().references().forEach(r -> hashes.add(r.contentHash()));
        completion.deleteBlobsIfUnused(hashes);
        log.info("generation {} deleted with {} image(s)", id, stored.size());
    }

    private Generation reread(Caller caller, String id) {
        return queries.find(caller, id).orElseThrow(() -> new GenerationNotFoundException(id));
    }

    private static GenerationStateException notCancelable(String id, GenerationStatus status) {
        return new GenerationStateException("GENERATION_NOT_CANCELABLE", "generation " + id + " already ended with status "
                + status.name().toLowerCase(Locale.ROOT));
    }
}
