package io.atelier.core.generation;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.storage.StoredImage;
import java.time.Instant;
import java.util.List;

/**
 * The generation as it is after each step of a run, built in memory from what the run knows, so
 * the engine publishes and answers without reading back what it just wrote. Each method mirrors
 * one statement of {@link GenerationRepository} (same fields, same values).
 */
final class GenerationStates {

    private GenerationStates() {
    }

    /** After {@link GenerationRepository#markProcessing}: one more attempt, progress reset. */
    static Generation processing(Generation g, Instant now) {
        Generation.Timing t = g.timing();
        return new Generation(g.id(), g.teamId(), GenerationStatus.PROCESSING, g.source(), g.asked(), g.inputs(),
                new Generation.Progress(0, "started", null, g.progress().attempts() + 1),
                new Generation.Outcome(null, null, List.of(), null, g.outcome().warnings()),
                new Generation.Timing(t.createdAt(), now, t.startedAt() == null ? now : t.startedAt(), null, null),
                g.billing());
    }

    /** With the provider's latest progress (steps kept when a report has none, as the repository does). */
    static Generation progressed(Generation g, ProviderContext.Progress p, Instant now) {
        Generation.ProgressSteps steps = p.totalSteps() > 0
                ? new Generation.ProgressSteps(p.step(), p.totalSteps(), p.eta() == null ? null : p.eta().toSeconds())
                : g.progress().steps();
        Generation.Timing t = g.timing();
        return new Generation(g.id(), g.teamId(), g.status(), g.source(), g.asked(), g.inputs(),
                new Generation.Progress(p.percent(), truncate(p.message(), GenerationRepository.MAX_PROGRESS_MESSAGE),
                        steps, g.progress().attempts()),
                g.outcome(),
                new Generation.Timing(t.createdAt(), now, t.startedAt(), t.completedAt(), t.processingTimeMs()),
                g.billing());
    }

    /** After {@link GenerationRepository#markSucceeded}: done, with its images and warnings. */
    static Generation succeeded(Generation g, List<StoredImage> images, List<String> warnings, String providerRequestId,
                                Instant now, long processingTimeMs) {
        Generation.ProgressSteps last = g.progress().steps();
        Generation.ProgressSteps steps = last == null ? null
                : new Generation.ProgressSteps(last.step(), last.totalSteps(), 0L);
        return new Generation(g.id(), g.teamId(), GenerationStatus.SUCCEEDED, g.source(), g.asked(), g.inputs(),
                new Generation.Progress(100, "done", steps, g.progress().attempts()),
                new Generation.Outcome(null, null, images,
                        truncate(providerRequestId, GenerationRepository.MAX_PROVIDER_REQUEST_ID),
                        List.copyOf(warnings)),
                new Generation.Timing(g.timing().createdAt(), now, g.timing().startedAt(), now, processingTimeMs),
                g.billing());
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
