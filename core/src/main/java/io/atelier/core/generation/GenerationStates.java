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
        return new Generation(g.id(), g.teamId(), GenerationStatus.PROCESSING, g.source(), g.model(), g.originalPrompt(),
                g.prompt(), g.negativePrompt(), g.aspectRatio(), g.width(), g.height(), g.count(), g.seed(), g.autoEnhance(),
                g.template(), g.background(), g.options(), g.requestAsGiven(), g.meta(), g.warnings(), g.publicRequested(),
                0, "started", g.attempts() + 1, null, null, g.creditsCharged(), null, g.editImageHash(),
                g.editImageMime(), g.maskHash(), g.maskMime(), g.createdAt(), now,
                g.startedAt() == null ? now : g.startedAt(), null, null, List.of(), g.presetId(), null, g.imageInputs());
    }

    /** With the provider's latest progress (steps kept when a report has none, as the repository does). */
    static Generation progressed(Generation g, ProviderContext.Progress p, Instant now) {
        Generation.ProgressSteps steps = p.totalSteps() > 0
                ? new Generation.ProgressSteps(p.step(), p.totalSteps(), p.eta() == null ? null : p.eta().toSeconds())
                : g.progressSteps();
        return new Generation(g.id(), g.teamId(), g.status(), g.source(), g.model(), g.originalPrompt(), g.prompt(),
                g.negativePrompt(), g.aspectRatio(), g.width(), g.height(), g.count(), g.seed(), g.autoEnhance(),
                g.template(), g.background(), g.options(), g.requestAsGiven(), g.meta(), g.warnings(), g.publicRequested(),
                p.percent(), truncate(p.message(), GenerationRepository.MAX_PROGRESS_MESSAGE), g.attempts(), g.errorCode(),
                g.errorMessage(), g.creditsCharged(), g.providerRequestId(), g.editImageHash(), g.editImageMime(),
                g.maskHash(), g.maskMime(), g.createdAt(), now, g.startedAt(), g.completedAt(), g.processingTimeMs(),
                g.images(), g.presetId(), steps, g.imageInputs());
    }

    /** After {@link GenerationRepository#markSucceeded}: done, with its images and warnings. */
    static Generation succeeded(Generation g, List<StoredImage> images, List<String> warnings, String providerRequestId,
                                Instant now, long processingTimeMs) {
        Generation.ProgressSteps steps = g.progressSteps() == null ? null
                : new Generation.ProgressSteps(g.progressSteps().step(), g.progressSteps().totalSteps(), 0L);
        return new Generation(g.id(), g.teamId(), GenerationStatus.SUCCEEDED, g.source(), g.model(), g.originalPrompt(),
                g.prompt(), g.negativePrompt(), g.aspectRatio(), g.width(), g.height(), g.count(), g.seed(), g.autoEnhance(),
                g.template(), g.background(), g.options(), g.requestAsGiven(), g.meta(), List.copyOf(warnings),
                g.publicRequested(), 100, "done", g.attempts(), null, null, g.creditsCharged(),
                truncate(providerRequestId, GenerationRepository.MAX_PROVIDER_REQUEST_ID), g.editImageHash(),
                g.editImageMime(), g.maskHash(), g.maskMime(), g.createdAt(), now, g.startedAt(), now, processingTimeMs,
                images, g.presetId(), steps, g.imageInputs());
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
