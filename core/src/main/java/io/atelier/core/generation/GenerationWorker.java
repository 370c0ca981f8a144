package io.atelier.core.generation;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.atelier.core.account.AccountService;
import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.jobs.JobFailureHandler;
import io.atelier.core.jobs.RequeueException;
import io.atelier.core.jobs.ShutdownParticipant;
import io.atelier.core.jobs.WorkerProperties;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderInvoker;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.ProviderResult;
import io.atelier.core.provider.ProviderResult.GeneratedImage;
import io.atelier.core.storage.ImageRepository;
import io.atelier.core.storage.ImageStore;
import io.atelier.core.storage.StoredImage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one generation as a db-scheduler job: QUEUED → PROCESSING → provider → images stored →
 * SUCCEEDED, or FAILED with a stable code and the credits refunded.
 *
 * <p>The job engine delivers at least once (a crashed worker's job is revived elsewhere); the
 * generation row makes it effectively once: every transition is a compare-and-set, images are
 * content-addressed and replaced as a whole per generation, credits move through a ledger with a
 * unique key. Threading: {@link #run} runs on a job-engine thread and may block for as long as the
 * provider takes; it stops cooperatively on cancel or shutdown.
 */
@Component
class GenerationWorker implements ShutdownParticipant {

    static final String TASK_NAME = "generation";
    private static final Logger log = LoggerFactory.getLogger(GenerationWorker.class);

    private final GenerationRepository repository;
    private final ImageRepository images;
    private final ImageStore store;
    private final ModelCatalog catalog;
    private final ProviderInvoker invoker;
    private final AccountService accounts;
    private final RunningGenerations running;
    private final WorkerProperties properties;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final OneTimeTask<String> task;

    GenerationWorker(GenerationRepository repository, ImageRepository images, ImageStore store, ModelCatalog catalog,
                     ProviderInvoker invoker, AccountService accounts, RunningGenerations running, WorkerProperties properties,
                     TransactionTemplate tx, ApplicationEventPublisher events, MeterRegistry meters) {
        this.repository = repository;
        this.images = images;
        this.store = store;
        this.catalog = catalog;
        this.invoker = invoker;
        this.accounts = accounts;
        this.running = running;
        this.properties = properties;
        this.tx = tx;
        this.events = events;
        this.meters = meters;
        this.task = Tasks.oneTime(TASK_NAME, String.class)
                .onFailure(new JobFailureHandler<>())
                .onDeadExecution(new JobFailureHandler.ReviveInPlace<>())
                .execute((instance, context) -> run(instance.getData()));
    }

    /** Where fair-queue slots start: slot n is due at this instant plus n milliseconds. */
    static final Instant SLOT_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    /** The execution time of a fair-queue slot: in the past, so due at once, ordered by slot. */
    static Instant slotTime(long slot) {
        return SLOT_EPOCH.plusMillis(slot);
    }

    OneTimeTask<String> task() {
        return task;
    }

    @Override
    public void stopRunningJobs() {
        running.stopAllForShutdown();
    }

    void run(String id) {
        if (running.runsHere(id)) {
            // The job engine revived the job of a worker that is alive here: its heartbeats were late
            // (a long GC pause, a database hiccup). Running it again would call the provider twice;
            // the live worker finishes it (and the reaper settles it should that worker die too).
            log.warn("generation {} is still running on this instance; not starting it twice", id);
            return;
        }
        Optional<Generation> found = repository.find(id);
        if (found.isEmpty() || found.get().status().isTerminal()) {
            return;
        }
        Generation queued = found.get();
        if (queued.attempts() >= properties.maxAttempts()) {
            fail(queued.id(), "WORKER_GAVE_UP", "the worker stopped " + queued.attempts()
                    + " times while running this generation; giving up");
            return;
        }
        if (!repository.markProcessing(id, Timestamps.now())) {
            return;
        }
        Generation generation = repository.find(id).orElseThrow();
        publish(generation, GenerationEvent.Kind.STARTED);
        Optional<ModelCatalog.Entry> entry = catalog.find(generation.model());
        if (entry.isEmpty()) {
            fail(id, "MODEL_UNAVAILABLE", "model " + generation.model() + " is no longer configured on this server");
            return;
        }
        RunningGenerations.Handle handle = running.register(id);
        MDC.put("generationId", id);
        MDC.put("teamId", generation.teamId());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            ProviderRequest request = toProviderRequest(generation);
            // Time limits, retries, the provider's circuit breaker and the fallback model apply here.
            ProviderInvoker.Outcome result = invoker.invoke(entry.get(), request, new Context(generation, handle));
            outcome = "success";
            complete(generation, result.result(), result.warnings());
        } catch (ProviderException.Canceled canceled) {
            outcome = "canceled";
            if (handle.reason() == RunningGenerations.StopReason.SHUTDOWN && repository.requeue(id, Timestamps.now())) {
                log.info("generation {} requeued: this instance is shutting down", id);
                throw new RequeueException("generation " + id + " requeued on shutdown");
            }
        } catch (ProviderException e) {
            outcome = e.retriable() ? "retriable_error" : "error";
            fail(id, e.code(), e.getMessage());
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException
                 | CannotCreateTransactionException | TransactionSystemException e) {
            // The database blinked (connection killed, failover, pool exhausted; a commit whose
            // outcome is unknown is safe to redo, every step being a compare-and-set): not the
            // generation's fault. The job engine runs the job again after a backoff (or revives it
            // if it cannot even record the failure); the next attempt replaces this one's images,
            // and max-attempts still bounds how often.
            outcome = "database_error";
            log.warn("generation {}: database error, the job will run again: {}", id, e.getMessage());
            throw e;
        } catch (RuntimeException | IOException e) {
            log.error("generation {} failed unexpectedly", id, e);
            fail(id, "INTERNAL_ERROR", "the server failed while generating: " + e.getClass().getSimpleName());
        } finally {
            sample.stop(meters.timer("atelier.provider.latency", "provider", entry.get().provider().id(),
                    "model", generation.model(), "outcome", outcome));
            running.unregister(id);
            MDC.remove("generationId");
            MDC.remove("teamId");
        }
    }

    private ProviderRequest toProviderRequest(Generation g) throws IOException {
        String modelName = catalog.find(g.model()).orElseThrow().model().name();
        GenerationImageInputs inputs = g.imageInputs();
        List<SourceImage> references = new ArrayList<>();
        for (GenerationImageInputs.Reference reference : inputs.references()) {
            references.add(loadInput(reference.contentHash(), reference.mimeType()));
        }
        return new ProviderRequest(modelName, g.prompt(), g.negativePrompt(), new ImageSize(g.width(), g.height()),
                g.count(), g.seed(), g.background(), loadInput(g.editImageHash(), g.editImageMime()),
                loadInput(g.maskHash(), g.maskMime()), g.options(), g.id(), inputs.strength(), references, inputs.upscale());
    }

    private SourceImage loadInput(String hash, String mime) throws IOException {
        if (hash == null) {
            return null;
        }
        Optional<InputStream> in = store.open(hash);
        if (in.isEmpty()) {
            throw new IOException("input image " + hash + " is missing from storage");
        }
        try (InputStream stream = in.get()) {
            return new SourceImage(stream.readAllBytes(), mime);
        }
    }

    /** Stores the images, then flips PROCESSING → SUCCEEDED with them in one transaction. */
    private void complete(Generation generation, ProviderResult result, List<String> warnings) throws IOException {
        Instant now = Timestamps.now();
        List<StoredImage> stored = new ArrayList<>();
        int index = 0;
        for (GeneratedImage image : result.images()) {
            String hash = store.put(image.bytes());
            stored.add(new StoredImage(Ids.uuid(), generation.id(), generation.teamId(), index++, hash, Ids.token(24),
                    image.mimeType(), image.width(), image.height(), image.bytes().length, image.revisedPrompt(), now));
        }
        Boolean succeeded = tx.execute(status -> {
            // Rows of an earlier, interrupted attempt are replaced: one set of images per generation.
            images.deleteByGeneration(generation.id());
            stored.forEach(images::insert);
            repository.appendWarnings(generation.id(), warnings);
            if (!repository.markSucceeded(generation.id(), result.providerRequestId(), now)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (!Boolean.TRUE.equals(succeeded)) {
            // Canceled while rendering: the images were never attached; drop unused blobs.
            stored.forEach(i -> deleteBlobIfUnused(i.contentHash()));
            return;
        }
        Generation done = repository.find(generation.id()).orElseThrow();
        log.info("generation {} succeeded: {} image(s) in {} ms", done.id(), done.images().size(), done.processingTimeMs());
        publish(done, GenerationEvent.Kind.FINISHED);
    }

    /** QUEUED|PROCESSING → FAILED with the credits refunded, once; false when already terminal. */
    boolean fail(String id, String code, String message) {
        Boolean failed = tx.execute(status -> {
            if (!repository.markFailed(id, code, message, Timestamps.now())) {
                return false;
            }
            accounts.refund(id);
            return true;
        });
        if (Boolean.TRUE.equals(failed)) {
            log.info("generation {} failed: {} {}", id, code, message);
            repository.find(id).ifPresent(g -> publish(g, GenerationEvent.Kind.FINISHED));
        }
        return Boolean.TRUE.equals(failed);
    }

    /** Deletes a blob once no image row and no generation input refers to it any more. */
    void deleteBlobIfUnused(String hash) {
        if (images.isHashReferenced(hash) || repository.isInputHashReferenced(hash)) {
            return;
        }
        try {
            store.delete(hash);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete blob " + hash, e);
        }
    }

    private void publish(Generation generation, GenerationEvent.Kind kind) {
        try {
            events.publishEvent(new GenerationEvent(generation, kind));
        } catch (RuntimeException e) {
            // A listener's bug must not fail the job: the state is already committed.
            log.warn("a listener failed on {} of generation {}", kind, generation.id(), e);
        }
    }

    /** Progress and cancellation for one provider call; progress is stored at most once per interval. */
    private final class Context implements ProviderContext {
        private final Generation generation;
        private final RunningGenerations.Handle handle;
        private long lastStoredNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
        private int lastPercent = -1;

        Context(Generation generation, RunningGenerations.Handle handle) {
            this.generation = generation;
            this.handle = handle;
        }

        @Override
        public synchronized void progress(Progress progress) {
            long now = System.nanoTime();
            if (progress.percent() == lastPercent || now - lastStoredNanos < properties.progressInterval().toNanos()) {
                return;
            }
            lastStoredNanos = now;
            lastPercent = progress.percent();
            repository.updateProgress(generation.id(), progress.percent(), progress.message(), progress.step(),
                    progress.totalSteps(), progress.eta() == null ? null : progress.eta().toSeconds(), Timestamps.now());
            repository.find(generation.id()).ifPresent(g -> publish(g, GenerationEvent.Kind.PROGRESS));
        }

        @Override
        public void preview(Preview preview) {
            try {
                events.publishEvent(new GenerationPreviewEvent(generation.id(), preview));
            } catch (RuntimeException e) {
                log.debug("a preview of generation {} was not taken: {}", generation.id(), e.toString());
            }
        }

        @Override
        public boolean isCancelled() {
            return handle.stopRequested();
        }
    }
}
