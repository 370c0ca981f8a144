package io.atelier.bot.chat;

import io.atelier.core.storage.StoredImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a chat message should show, independent of the platform: each bot turns these into its own
 * message format (Discord embeds and components, Slack blocks). {@link #key()} identifies the
 * visible state, so a delivery never repeats an identical edit.
 */
public sealed interface ChatView {

    /** Identifies what the message looks like in this state. */
    String key();

    /**
     * Accepted, waiting for a worker.
     *
     * @param prompt         the prompt as it will be used
     * @param originalPrompt the prompt as written, when enhancement changed it; else null
     * @param queuePosition  jobs ahead of this one (0 = next)
     * @param eta            estimated time to the result, or null when unknown
     */
    record Pending(String generationId, String prompt, String originalPrompt, String model, int count,
                   long queuePosition, Duration eta) implements ChatView {
        @Override
        public String key() {
            return "pending:" + queuePosition;
        }
    }

    /**
     * Running.
     *
     * @param bar     a text progress bar with the percentage ({@code ▰▰▰▱▱▱▱▱▱▱ 30%})
     * @param message the provider's step message, or null
     * @param preview the newest intermediate image the provider showed (a small JPEG), or null
     */
    record Progress(String generationId, String prompt, String originalPrompt, String model, int percent, String bar,
                    String message, PreviewImage preview) implements ChatView {
        /** The message a view shows while its generation is being picked up again after a restart. */
        public static final String RESUMING = "Resuming after a restart…";

        public Progress(String generationId, String prompt, String originalPrompt, String model, int percent, String bar,
                        String message) {
            this(generationId, prompt, originalPrompt, model, percent, bar, message, null);
        }

        /** A pending or running view as "resuming": shown at once after a restart, before new progress. */
        public static Progress resuming(ChatView view) {
            return switch (view) {
                case Pending p -> new Progress(p.generationId(), p.prompt(), p.originalPrompt(), p.model(), 0,
                        ProgressBar.text(0), RESUMING);
                case Progress p -> new Progress(p.generationId(), p.prompt(), p.originalPrompt(), p.model(), p.percent(),
                        p.bar(), RESUMING);
                default -> throw new IllegalArgumentException("only a pending or running view resumes");
            };
        }

        @Override
        public String key() {
            return "progress:" + percent + (preview == null ? "" : ":p" + preview.version())
                    + (RESUMING.equals(message) ? ":resuming" : "");
        }
    }

    /**
     * A live preview: a small image of the work in progress.
     *
     * @param version increases with every new preview of the generation
     */
    record PreviewImage(int version, byte[] bytes, String mimeType) {
        public String extension() {
            return "image/png".equals(mimeType) ? "png" : "jpg";
        }
    }

    /**
     * Done.
     *
     * @param images     the stored images, in order (one only when showing one image of a result)
     * @param durationMs processing time, or null
     * @param caption    plain-text caption: prompt, model, seed, time, id
     * @param negative   the negative prompt, or null
     * @param canVary    the model takes an image to start from (variations are offered)
     * @param note       what the user should know about this message (e.g. why it shows an image at its
     *                   full size instead of upscaled), or null
     */
    record Result(String generationId, String prompt, String originalPrompt, String model, long seed,
                  Long durationMs, String aspectRatio, List<StoredImage> images, List<String> warnings,
                  String caption, String negative, boolean canVary, String note) implements ChatView {
        public Result {
            images = List.copyOf(images);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }

        public Result(String generationId, String prompt, String originalPrompt, String model, long seed, Long durationMs,
                      String aspectRatio, List<StoredImage> images, List<String> warnings, String caption) {
            this(generationId, prompt, originalPrompt, model, seed, durationMs, aspectRatio, images, warnings, caption, null,
                    true, null);
        }

        /** The buttons each image gets: per image (U1–U4, V1–V4) for several, Upscale and Vary for one. */
        public boolean single() {
            return images.size() == 1;
        }

        @Override
        public String key() {
            return "result";
        }
    }

    /**
     * Did not produce images, or was refused before starting.
     *
     * @param generationId the generation, or null when refused before one existed
     * @param rule         the matched moderation rule for {@link FailureKind#BLOCKED}, else null
     * @param retryAt      when the user may try again (quota, cooldown), or null
     * @param retryable    whether a Retry button makes sense
     */
    record Failure(FailureKind kind, String code, String message, String generationId, String rule, Instant retryAt,
                   boolean retryable) implements ChatView {
        @Override
        public String key() {
            return "failure:" + code;
        }
    }

    /** Why there are no images. */
    enum FailureKind {
        /** Moderation blocked the prompt (see {@link Failure#rule()}). */
        BLOCKED,
        /** Too many blocked prompts: wait until {@link Failure#retryAt()}. */
        COOLDOWN,
        /** Over a chat quota. */
        QUOTA,
        /** The team has no credits left. */
        CREDITS,
        /** An option was invalid (the message names it). */
        INVALID,
        /** The provider (or worker) failed. */
        PROVIDER,
        /** Canceled by the user or an operator. */
        CANCELED
    }
}
