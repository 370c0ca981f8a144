package io.atelier.core.generation;

import io.atelier.core.storage.StoredImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One generation: the request as given and as used, where it is in its life, and its images.
 * Besides its identity and status, its fields come in groups, each a small record read as
 * {@code g.asked().prompt()}, {@code g.progress().percent()}, {@code g.outcome().images()} …
 *
 * @param id       the generation's id, the same on every surface
 * @param teamId   the team that asked and pays
 * @param status   where it is in its life
 * @param source   the surface it came from
 * @param asked    what the user asked for, as used after defaults and enhancement
 * @param inputs   the images the generation starts from
 * @param progress where the run is
 * @param outcome  how it ended (its images and warnings, or its error); what it has so far while it runs
 * @param timing   when it was created, last changed, started and ended
 * @param billing  what it cost the team
 */
public record Generation(
        String id,
        String teamId,
        GenerationStatus status,
        GenerationSource source,
        Asked asked,
        Inputs inputs,
        Progress progress,
        Outcome outcome,
        Timing timing,
        Billing billing) {

    /**
     * What was asked, one line per topic: the model and preset, the prompt, the picture, the caller's extras.
     *
     * @param presetId        the preset the prompt was rendered from (built-in slug or team preset id), or null
     * @param originalPrompt  the prompt as the user wrote it
     * @param prompt          the prompt as used (after enhancement)
     * @param requestAsGiven  the raw request of the surface, stored for audit and support
     * @param publicRequested the user asks to publish to the gallery (moderated)
     */
    public record Asked(
            String model, String presetId,
            String originalPrompt, String prompt, String negativePrompt, String template, boolean autoEnhance,
            String aspectRatio, int width, int height, int count, long seed, String background,
            Map<String, String> options, Map<String, Object> requestAsGiven, Map<String, Object> meta,
            boolean publicRequested) {
    }

    /**
     * The images the generation starts from: the edit image and its mask (content hashes), and the rest.
     *
     * @param imageInputs strength, upscale and reference images besides the edit image; never null
     */
    public record Inputs(String editImageHash, String editImageMime, String maskHash, String maskMime,
                         GenerationImageInputs imageInputs) {

        /** No edit image, no mask, no other image inputs. */
        public static final Inputs NONE = new Inputs(null, null, null, null, GenerationImageInputs.NONE);

        public Inputs {
            imageInputs = imageInputs == null ? GenerationImageInputs.NONE : imageInputs;
        }
    }

    /**
     * Where the run is: the last reported percent, message and steps, and how many worker runs it took.
     *
     * @param steps    the provider's last reported step, total and time left; null when it never said
     * @param attempts worker runs so far (a crash-and-revive counts as one more)
     */
    public record Progress(int percent, String message, ProgressSteps steps, int attempts) {
    }

    /**
     * How it ended (or what it has so far): the error, the images, the provider's request id and the warnings.
     *
     * @param warnings things the user should know (ignored options, fallbacks)
     */
    public record Outcome(String errorCode, String errorMessage, List<StoredImage> images, String providerRequestId,
                          List<String> warnings) {
    }

    /**
     * When things happened; each null until it did.
     *
     * @param processingTimeMs time from the worker's start to the end, once ended
     */
    public record Timing(Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt,
                         Long processingTimeMs) {
    }

    /**
     * What the generation cost.
     *
     * @param creditsCharged credits taken at submit (refunded on failure or cancel)
     */
    public record Billing(long creditsCharged) {
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

    public Generation withImages(List<StoredImage> newImages) {
        return new Generation(id, teamId, status, source, asked, inputs, progress,
                new Outcome(outcome.errorCode(), outcome.errorMessage(), List.copyOf(newImages),
                        outcome.providerRequestId(), outcome.warnings()),
                timing, billing);
    }
}
