package io.atelier.core.generation;

import io.atelier.core.common.Timestamps;
import io.atelier.core.provider.ProviderContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The progress of the generations running on this instance, kept in memory: a provider may report
 * as often as its backend does without a database write each time. The latest report of each is
 * written by {@link #flush()}, one batch for all of them, every {@code atelier.worker.progress-interval}
 * (the engine calls it), and reads of a running generation on this instance see the live value at
 * once ({@link #overlay}).
 *
 * <p>Thread-safe.
 */
@Component
class LiveProgress {

    private static final Logger log = LoggerFactory.getLogger(LiveProgress.class);

    /**
     * The latest state of one running generation and whether it still has to be written. A class,
     * not a record: replacing an entry compares identities, not 40 fields.
     */
    private static final class Live {
        private final Generation generation;
        private final boolean dirty;

        Live(Generation generation, boolean dirty) {
            this.generation = generation;
            this.dirty = dirty;
        }

        Generation generation() {
            return generation;
        }

        boolean dirty() {
            return dirty;
        }
    }

    private final GenerationRepository repository;
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    LiveProgress(GenerationRepository repository) {
        this.repository = repository;
    }

    /** A generation started running here (its PROCESSING state is already stored). */
    void started(Generation processing) {
        live.put(processing.id(), new Live(processing, false));
    }

    /** Records a report and returns the generation as it now is. */
    Generation report(String id, ProviderContext.Progress progress) {
        Instant now = Timestamps.now();
        Live updated = live.computeIfPresent(id, (k, current) ->
                new Live(GenerationStates.progressed(current.generation(), progress, now), true));
        return updated == null ? null : updated.generation();
    }

    /** The latest state of a generation running here (with its last progress), or null. */
    Generation current(String id) {
        Live current = live.get(id);
        return current == null ? null : current.generation();
    }

    /** The run ended (its final state is written by its end): nothing left to flush. */
    void ended(String id) {
        live.remove(id);
    }

    /** A generation read from the database, with the live progress when it runs here. */
    Generation overlay(Generation stored) {
        if (stored.status() != GenerationStatus.PROCESSING) {
            return stored;
        }
        Live current = live.get(stored.id());
        if (current == null || current.generation().timing().updatedAt().isBefore(stored.timing().updatedAt())) {
            return stored;
        }
        Generation g = current.generation();
        Generation.Progress reported = g.progress();
        Generation.Timing timing = stored.timing();
        return new Generation(stored.id(), stored.teamId(), stored.status(), stored.source(), stored.asked(),
                stored.inputs(),
                new Generation.Progress(reported.percent(), reported.message(), reported.steps(),
                        stored.progress().attempts()),
                stored.outcome(),
                new Generation.Timing(timing.createdAt(), g.timing().updatedAt(), timing.startedAt(),
                        timing.completedAt(), timing.processingTimeMs()),
                stored.billing());
    }

    /** Writes every report not yet stored, in one batch (at shutdown). */
    void flush() {
        flushRunningFor(Duration.ZERO);
    }

    /**
     * Writes the reports not yet stored of the generations that have run for at least {@code age},
     * in one batch. Younger ones wait for a later flush: most calls to a hosted API end within a
     * few seconds, and their end writes their final state anyway, so writing their first report
     * ("waiting for the image backend") was most of the progress writes at 256 in flight, one batch
     * of hundreds of rows a second contending with the commits of requests. Reads on this instance
     * see every report at once ({@link #overlay}).
     */
    void flushRunningFor(Duration age) {
        Instant startedBefore = Timestamps.now().minus(age);
        List<GenerationRepository.ProgressRow> rows = new ArrayList<>();
        for (Map.Entry<String, Live> entry : live.entrySet()) {
            Live current = entry.getValue();
            Instant started = current.generation().timing().startedAt();
            boolean oldEnough = started == null || !started.isAfter(startedBefore);
            if (current.dirty() && oldEnough && live.replace(entry.getKey(), current, new Live(current.generation(), false))) {
                Generation g = current.generation();
                Generation.ProgressSteps steps = g.progress().steps();
                rows.add(new GenerationRepository.ProgressRow(g.id(), g.progress().percent(), g.progress().message(),
                        steps == null ? 0 : steps.step(), steps == null ? 0 : steps.totalSteps(),
                        steps == null ? null : steps.etaSeconds(), g.timing().updatedAt()));
            }
        }
        try {
            repository.updateProgress(rows);
        } catch (RuntimeException e) {
            // Progress is advisory: the next flush writes the then-latest value.
            log.warn("could not store the progress of {} generation(s): {}", rows.size(), e.getMessage());
        }
    }
}
