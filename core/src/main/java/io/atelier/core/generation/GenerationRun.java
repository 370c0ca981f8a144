package io.atelier.core.generation;

import io.atelier.core.common.Timestamps;
import io.atelier.core.jobs.RequeueException;
import io.atelier.core.jobs.WorkerProperties;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderInvoker;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.storage.ImageStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Runs one generation on its lane's thread: PROCESSING → provider call (with progress, cancel and
 * the memory budget) → {@link GenerationCompletion}. Also adopts the generations the job engine
 * revives after another instance died.
 *
 * <p>Threading: {@link #run} runs on a lane thread (virtual, or the CPU pool for CPU-bound
 * providers) and blocks for as long as the provider takes; it stops cooperatively on cancel or
 * shutdown (no thread is interrupted: that could close H2's file channel). {@link #adopt} runs on
 * a job-engine thread and returns at once.
 */
@Component
class GenerationRun {

    private static final Logger log = LoggerFactory.getLogger(GenerationRun.class);

    private final GenerationDispatcher dispatcher;
    private final GenerationRepository repository;
    private final ModelCatalog catalog;
    private final ProviderInvoker invoker;
    private final ImageStore store;
    private final RunningGenerations running;
    private final LiveProgress progress;
    private final GenerationCompletion completion;
    private final GenerationJobs jobs;
    private final WorkerProperties worker;
    private final MeterRegistry meters;
    private final MemoryBudget memory;

    GenerationRun(GenerationDispatcher dispatcher, GenerationRepository repository, ModelCatalog catalog,
                  ProviderInvoker invoker, ImageStore store, RunningGenerations running, LiveProgress progress,
                  GenerationCompletion completion, GenerationJobs jobs, WorkerProperties worker,
                  GenerationEngineProperties engine, MeterRegistry meters) {
        this.dispatcher = dispatcher;
        this.repository = repository;
        this.catalog = catalog;
        this.invoker = invoker;
        this.store = store;
        this.running = running;
        this.progress = progress;
        this.completion = completion;
        this.jobs = jobs;
        this.worker = worker;
        this.meters = meters;
        this.memory = new MemoryBudget(engine.memoryBudgetBytes());
        dispatcher.runWith(this);
    }

    MemoryBudget memory() {
        return memory;
    }

    /**
     * Takes over a generation whose guard row the job engine revived and this instance picked: it
     * joins its lane here (the row stays picked by this instance). A generation still held here
     * (its heartbeat was late: a long pause) is left to the run that holds it, so the provider is
     * never called twice by one instance.
     */
    void adopt(String id) {
        if (!dispatcher.accepting()) {
            throw new RequeueException("generation " + id + ": this instance is stopping");
        }
        if (running.runsHere(id) || dispatcher.isWaiting(id)) {
            log.warn("generation {} is still held by this instance; not starting it twice", id);
            return;
        }
        Optional<Generation> found = repository.find(id);
        if (found.isEmpty() || found.get().status().isTerminal()) {
            jobs.remove(id);
            return;
        }
        Generation generation = found.get();
        if (generation.progress().attempts() >= worker.maxAttempts()) {
            completion.fail(id, "WORKER_GAVE_UP", "the worker stopped " + generation.progress().attempts()
                    + " times while running this generation; giving up");
            return;
        }
        Optional<ModelCatalog.Entry> entry = catalog.find(generation.asked().model());
        if (entry.isEmpty()) {
            completion.fail(id, "MODEL_UNAVAILABLE", "model " + generation.asked().model()
                    + " is no longer configured on this server");
            return;
        }
        log.info("generation {} revived here (attempt {} next)", id, generation.progress().attempts() + 1);
        dispatcher.laneFor(entry.get()).enqueue(generation);
    }

    /**
     * Runs a generation that got its place in {@code lane}; the place is given back at the end.
     *
     * @param started true when it is PROCESSING already (it started at submit), false when it waited
     */
    void run(Lane lane, Generation generation, boolean started) {
        long runMillis = -1;
        try {
            Generation processing = started ? generation : markProcessing(generation);
            if (processing != null) {
                long start = System.nanoTime();
                execute(processing, started);
                runMillis = (System.nanoTime() - start) / 1_000_000;
            }
        } catch (RuntimeException e) {
            log.error("generation {}: the run failed unexpectedly", generation.id(), e);
        } finally {
            lane.finished(runMillis);
        }
    }

    /** QUEUED (or revived) → PROCESSING, counting an attempt; null when it may not run (any more). */
    private Generation markProcessing(Generation generation) {
        String id = generation.id();
        if (generation.progress().attempts() >= worker.maxAttempts()) {
            completion.fail(id, "WORKER_GAVE_UP", "the worker stopped " + generation.progress().attempts()
                    + " times while running this generation; giving up");
            return null;
        }
        Instant now = Timestamps.now();
        try {
            if (!repository.markProcessing(id, now)) {
                jobs.remove(id);
                return null;
            }
        } catch (RuntimeException e) {
            releaseAfterDatabaseError(id, e);
            return null;
        }
        Generation processing = GenerationStates.processing(generation, now);
        completion.publish(processing, GenerationEvent.Kind.STARTED);
        return processing;
    }

    /** @param fresh started at submit: its first attempt, so no earlier attempt left rows behind */
    private void execute(Generation generation, boolean fresh) {
        String id = generation.id();
        Optional<ModelCatalog.Entry> entry = catalog.find(generation.asked().model());
        if (entry.isEmpty()) {
            completion.fail(id, "MODEL_UNAVAILABLE", "model " + generation.asked().model()
                    + " is no longer configured on this server");
            return;
        }
        RunningGenerations.Handle handle = running.register(id);
        progress.started(generation);
        MDC.put("generationId", id);
        MDC.put("teamId", generation.teamId());
        RunContext context = new RunContext(generation, handle, progress, completion, store, worker.progressInterval());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        List<String> attached = List.of();
        try {
            ProviderRequest request = toProviderRequest(generation, entry.get());
            ProviderInvoker.Outcome result;
            try (MemoryBudget.Reservation reserved = memory.reserve(entry.get().provider().memoryPerCall(request))) {
                // Time limits, retries, the provider's circuit breaker and the fallback model apply here.
                result = invoker.invoke(entry.get(), request, context);
            }
            Generation latest = progress.current(id);
            if (completion.succeed(latest != null ? latest : generation, result, fresh)) {
                attached = result.result().images().stream().map(i -> i.contentHash()).filter(h -> h != null).toList();
            }
            outcome = "success";
        } catch (ProviderException.Canceled canceled) {
            outcome = "canceled";
            stopped(id, handle);
        } catch (InterruptedException interrupted) {
            outcome = "canceled";
            Thread.currentThread().interrupt();
            stopped(id, handle);
        } catch (ProviderException e) {
            outcome = e.retriable() ? "retriable_error" : "error";
            completion.fail(id, e.code(), e.getMessage());
        } catch (DataAccessResourceFailureException | TransientDataAccessException | RecoverableDataAccessException
                 | CannotCreateTransactionException | TransactionSystemException e) {
            outcome = "database_error";
            releaseAfterDatabaseError(id, e);
        } catch (RuntimeException | IOException e) {
            log.error("generation {} failed unexpectedly", id, e);
            completion.fail(id, "INTERNAL_ERROR", "the server failed while generating: " + e.getClass().getSimpleName());
        } finally {
            // First let go of the generation: while it is registered here its guard row is kept alive,
            // so a cleanup that throws below must not leave it registered (it would never be revived).
            running.unregister(id);
            progress.ended(id);
            try {
                completion.settleBlobs(context.staged(), attached);
            } catch (RuntimeException e) {
                log.warn("generation {}: could not clean up the images of the run: {}", id, e.getMessage());
            }
            sample.stop(meters.timer("atelier.provider.latency", "provider", entry.get().provider().id(),
                    "model", generation.asked().model(), "outcome", outcome));
            MDC.remove("generationId");
            MDC.remove("teamId");
        }
    }

    /** The run stopped on request: canceled (the cancel already settled it) or this instance stopping. */
    private void stopped(String id, RunningGenerations.Handle handle) {
        if (handle.reason() == RunningGenerations.StopReason.SHUTDOWN && completion.requeue(id)) {
            log.info("generation {} requeued: this instance is shutting down", id);
        }
    }

    /**
     * The database blinked (connection killed, failover, pool exhausted): not the generation's
     * fault. Its guard row goes back to the job engine, which runs it again (every step is a
     * compare-and-set, so redoing one whose commit was lost is safe; max-attempts still bounds how
     * often); if even that fails, the row's heartbeats stop and it is revived as after a crash.
     */
    private void releaseAfterDatabaseError(String id, RuntimeException e) {
        log.warn("generation {}: database error, the job will run again: {}", id, e.getMessage());
        try {
            jobs.release(List.of(id));
        } catch (RuntimeException stillDown) {
            log.warn("generation {}: could not hand the job back ({}); it is revived once its heartbeat is stale",
                    id, stillDown.getMessage());
        }
    }

    private ProviderRequest toProviderRequest(Generation g, ModelCatalog.Entry entry) throws IOException {
        Generation.Inputs inputs = g.inputs();
        GenerationImageInputs imageInputs = inputs.imageInputs();
        List<SourceImage> references = new ArrayList<>();
        for (GenerationImageInputs.Reference reference : imageInputs.references()) {
            references.add(loadInput(reference.contentHash(), reference.mimeType()));
        }
        Generation.Asked asked = g.asked();
        return new ProviderRequest(entry.model().name(), asked.prompt(), asked.negativePrompt(),
                new ImageSize(asked.width(), asked.height()), asked.count(), asked.seed(), asked.background(),
                loadInput(inputs.editImageHash(), inputs.editImageMime()), loadInput(inputs.maskHash(), inputs.maskMime()),
                asked.options(), g.id(), imageInputs.strength(), references, imageInputs.upscale());
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
}
