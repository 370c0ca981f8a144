package io.atelier.core.prompt.enhance;

import io.atelier.core.prompt.template.PromptTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the LLM is told, and how its answer is checked before use: it must be non-empty, fit the
 * model's prompt limit, contain every quoted text of the user's prompt verbatim, and still mention
 * the user's subject (at least one of the prompt's content words).
 */
final class LlmRewrite {

    /** Text in straight, curly or guillemet double quotes: kept verbatim (signs, captions, labels). */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,500})\"|\u201C([^\u201D]{1,500})\u201D|\u00AB([^\u00BB]{1,500})\u00BB");
    private static final Pattern LABEL = Pattern.compile("^(?i)(?:here(?:'s| is) (?:the |an? )?)?(?:enhanced |rewritten |improved |final )?prompt\\s*:\\s*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "with", "for", "from", "into", "onto", "over",
            "under", "that", "this", "there", "their", "its", "are", "was", "were", "has", "have", "very", "some", "any",
            "who", "what", "which", "while", "where", "when", "image", "picture", "photo", "style");

    private LlmRewrite() {
    }

    static String systemMessage(PromptTemplate template, int limit) {
        int target = Math.min(limit, 1000);
        return """
                You rewrite prompts for an image generation model.
                Template: %s (%s).
                Style guidance: %s

                Rules:
                - Keep the user's subject and every detail they gave; add visual detail, never replace or drop what they asked for.
                - Copy any text inside quotation marks exactly as written, with its quotation marks (it is text to show in the image).
                - Write in the language of the user's prompt.
                - Answer with the rewritten prompt only: one paragraph, no preamble, no explanation, no markdown, no surrounding quotes.
                - At most %d characters.
                """.formatted(template.name(), template.description(), template.styleGuidance(), target);
    }

    /** Strips what chat models wrap answers in: code fences, a "Prompt:" label, enclosing quotes, line breaks. */
    static String clean(String answer, String original) {
        if (answer == null) {
            return "";
        }
        String text = answer.strip();
        if (text.startsWith("```")) {
            text = text.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "").strip();
        }
        text = LABEL.matcher(text).replaceFirst("").strip();
        boolean originalQuoted = original.strip().startsWith("\"") && original.strip().endsWith("\"");
        if (!originalQuoted && text.length() > 1 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("\u201C") && text.endsWith("\u201D")) && quotedSegments(text).size() == 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Why the answer cannot be used, or empty when it can. */
    static Optional<String> problem(String original, String answer, int limit) {
        if (answer.isEmpty()) {
            return Optional.of("the LLM answered with an empty prompt");
        }
        if (answer.length() > limit) {
            return Optional.of("the LLM's prompt has " + answer.length() + " characters, more than the model's limit of " + limit);
        }
        for (String quoted : quotedSegments(original)) {
            if (!answer.contains(quoted)) {
                return Optional.of("the LLM dropped or changed the quoted text \"" + quoted + "\"");
            }
        }
        List<String> words = contentWords(original);
        if (!words.isEmpty()) {
            String lower = answer.toLowerCase(Locale.ROOT);
            if (words.stream().noneMatch(lower::contains)) {
                return Optional.of("the LLM's prompt no longer mentions the subject");
            }
        }
        return Optional.empty();
    }

    static List<String> quotedSegments(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            String inner = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!inner.isBlank()) {
                out.add(inner.strip());
            }
        }
        return out;
    }

    private static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!STOP_WORDS.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }
}
