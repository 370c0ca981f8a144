package io.atelier.bot.chat;

import io.atelier.core.generation.Generation;

/**
 * The Remix form: a generation's prompt as the user wrote it and its options, to edit and run again.
 * Blank fields mean: the prompt is required; no negative prompt; the generation's aspect ratio and
 * model; a new random seed.
 *
 * @param generationId the generation remixed
 */
public record RemixForm(String generationId, String prompt, String negative, String aspectRatio, String model,
                        String seed) {

    /** Discord and Slack limits a prompt to what their forms take. */
    public static final int MAX_PROMPT = 4000;

    /** The form of a generation, seed blank (a remix makes new images). */
    public static RemixForm of(Generation g) {
        String prompt = g.asked().originalPrompt() == null || g.asked().originalPrompt().isBlank() ? g.asked().prompt()
                : g.asked().originalPrompt();
        return new RemixForm(g.id(), truncate(prompt), g.asked().negativePrompt(), g.asked().aspectRatio(),
                g.asked().model(), null);
    }

    private static String truncate(String text) {
        return text == null ? "" : text.length() <= MAX_PROMPT ? text : text.substring(0, MAX_PROMPT);
    }
}
