package io.atelier.core.generation;

import io.atelier.core.storage.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One generation: the request as given and as used, where it is in its life, and its images.
 * The same id on every surface.
 *
 * @param originalPrompt    the prompt as the user wrote it
 * @param prompt            the prompt as used (after enhancement)
 * @param attempts          worker runs so far (a crash-and-revive counts as one more)
 * @param processingTimeMs  time from the worker's start to the end, once ended
 * @param creditsCharged    credits taken at submit (refunded on failure or cancel)
 * @param warnings          things the user should know (ignored options, fallbacks)
 * @param presetId          the preset the prompt was rendered from (built-in slug or team preset id), or null
 * @param progressSteps     the provider's last reported step, total and time left; null when it never said
 * @param imageInputs       strength, upscale and reference images besides the edit image; never null
 */
public record Generation(
        String id,
        String teamId,
        GenerationStatus status,
        GenerationSource source,
        String model,
        String originalPrompt,
        String prompt,
        String negativePrompt,
        String aspectRatio,
        int width,
        int height,
        int count,
        long seed,
        boolean autoEnhance,
        String template,
        String background,
        Map<String, String> options,
        Map<String, Object> requestAsGiven,
        Map<String, Object> meta,
        List<String> warnings,
        boolean publicRequested,
        int progressPercent,
        String progressMessage,
        int attempts,
        String errorCode,
        String errorMessage,
        long creditsCharged,
        String providerRequestId,
        String editImageHash,
        String editImageMime,
        String maskHash,
        String maskMime,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        Long processingTimeMs,
        List<StoredImage> images,
        String presetId,
        ProgressSteps progressSteps,
        GenerationImageInputs imageInputs) {

    public Generation {
        imageInputs = imageInputs == null ? GenerationImageInputs.NONE : imageInputs;
    }

    /**
     * Structured progress a provider reported (sampling step of a diffusion backend, image i of n).
     *
     * @param step       current step, 0 before the first
     * @param totalSteps total steps, at least 1
     * @param etaSeconds time left in seconds, or null when unknown
     */
    public record ProgressSteps(int step, int totalSteps, Long etaSeconds) {
    }

    /** Without image inputs: the constructor of the fields before {@code imageInputs} existed. */
    public Generation(String id, String teamId, GenerationStatus status, GenerationSource source, String model,
                      String originalPrompt, String prompt, String negativePrompt, String aspectRatio, int width,
                      int height, int count, long seed, boolean autoEnhance, String template, String background,
                      Map<String, String> options, Map<String, Object> requestAsGiven, Map<String, Object> meta,
                      List<String> warnings, boolean publicRequested, int progressPercent, String progressMessage,
                      int attempts, String errorCode, String errorMessage, long creditsCharged, String providerRequestId,
                      String editImageHash, String editImageMime, String maskHash, String maskMime, Instant createdAt,
                      Instant updatedAt, Instant startedAt, Instant completedAt, Long processingTimeMs,
                      List<StoredImage> images, String presetId, ProgressSteps progressSteps) {
        this(id, teamId, status, source, model, originalPrompt, prompt, negativePrompt, aspectRatio, width, height, count,
                seed, autoEnhance, template, background, options, requestAsGiven, meta, warnings, publicRequested,
                progressPercent, progressMessage, attempts, errorCode, errorMessage, creditsCharged, providerRequestId,
                editImageHash, editImageMime, maskHash, maskMime, createdAt, updatedAt, startedAt, completedAt,
                processingTimeMs, images, presetId, progressSteps, GenerationImageInputs.NONE);
    }

    /** Without structured progress: the constructor of the fields before {@code progressSteps} existed. */
    public Generation(String id, String teamId, GenerationStatus status, GenerationSource source, String model,
                      String originalPrompt, String prompt, String negativePrompt, String aspectRatio, int width,
                      int height, int count, long seed, boolean autoEnhance, String template, String background,
                      Map<String, String> options, Map<String, Object> requestAsGiven, Map<String, Object> meta,
                      List<String> warnings, boolean publicRequested, int progressPercent, String progressMessage,
                      int attempts, String errorCode, String errorMessage, long creditsCharged, String providerRequestId,
                      String editImageHash, String editImageMime, String maskHash, String maskMime, Instant createdAt,
                      Instant updatedAt, Instant startedAt, Instant completedAt, Long processingTimeMs,
                      List<StoredImage> images, String presetId) {
        this(id, teamId, status, source, model, originalPrompt, prompt, negativePrompt, aspectRatio, width, height, count,
                seed, autoEnhance, template, background, options, requestAsGiven, meta, warnings, publicRequested,
                progressPercent, progressMessage, attempts, errorCode, errorMessage, creditsCharged, providerRequestId,
                editImageHash, editImageMime, maskHash, maskMime, createdAt, updatedAt, startedAt, completedAt,
                processingTimeMs, images, presetId, null);
    }

    /** Without a preset: the constructor of the fields before {@code presetId} existed. */
    public Generation(String id, String teamId, GenerationStatus status, GenerationSource source, String model,
                      String originalPrompt, String prompt, String negativePrompt, String aspectRatio, int width,
                      int height, int count, long seed, boolean autoEnhance, String template, String background,
                      Map<String, String> options, Map<String, Object> requestAsGiven, Map<String, Object> meta,
                      List<String> warnings, boolean publicRequested, int progressPercent, String progressMessage,
                      int attempts, String errorCode, String errorMessage, long creditsCharged, String providerRequestId,
                      String editImageHash, String editImageMime, String maskHash, String maskMime, Instant createdAt,
                      Instant updatedAt, Instant startedAt, Instant completedAt, Long processingTimeMs,
                      List<StoredImage> images) {
        this(id, teamId, status, source, model, originalPrompt, prompt, negativePrompt, aspectRatio, width, height, count,
                seed, autoEnhance, template, background, options, requestAsGiven, meta, warnings, publicRequested,
                progressPercent, progressMessage, attempts, errorCode, errorMessage, creditsCharged, providerRequestId,
                editImageHash, editImageMime, maskHash, maskMime, createdAt, updatedAt, startedAt, completedAt,
                processingTimeMs, images, null, null);
    }

    public Generation withImages(List<StoredImage> newImages) {
        return new Generation(id, teamId, status, source, model, originalPrompt, prompt, negativePrompt, aspectRatio,
                width, height, count, seed, autoEnhance, template, background, options, requestAsGiven, meta, warnings,
                publicRequested, progressPercent, progressMessage, attempts, errorCode, errorMessage, creditsCharged,
                providerRequestId, editImageHash, editImageMime, maskHash, maskMime, createdAt, updatedAt, startedAt,
                completedAt, processingTimeMs, List.copyOf(newImages), presetId, progressSteps, imageInputs);
    }
}
