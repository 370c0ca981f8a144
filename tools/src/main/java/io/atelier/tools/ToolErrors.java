package io.atelier.tools;

import io.atelier.core.error.AtelierException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.prompt.PromptCooldownException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the core's refusals ({@link AtelierException}) into {@link ToolException}s by their kind: one
 * or two sentences naming the tool argument at fault and the next step. Unexpected failures are logged here with their stack trace
 * and reach the LLM only as "internal error".
 */
final class ToolErrors {

    private static final Logger log = LoggerFactory.getLogger(ToolErrors.class);

    /** Core field names → the tools' argument names. */
    private static final Map<String, String> ARGUMENTS = Map.of(
            "aspectRatio", "aspect_ratio",
            "negativePrompt", "negative_prompt",
            "image", "generation_id",
            "mask", "mask_generation_id",
            "--n", "count",
            "--ar", "aspect_ratio");

    /** Codes of things list_generations and search_images find. */
    private static final Set<String> LISTED = Set.of(GenerationNotFoundException.CODE, "GALLERY_ENTRY_NOT_FOUND");

    private ToolErrors() {
    }

    static ToolException translate(RuntimeException e) {
        return switch (e) {
            case ToolException already -> already;
            case AtelierException refusal -> render(refusal);
            default -> {
                log.error("tool call failed unexpectedly", e);
                yield new ToolException("Atelier failed with an internal error (it was logged). Try again later.");
            }
        };
    }

    /** A refusal by its kind, in words an LLM can act on. */
    private static ToolException render(AtelierException e) {
        return switch (e.errorKind()) {
            case INVALID -> invalid(e.field(), e.getMessage());
            case REFUSED -> new ToolException("The prompt was refused by moderation: " + e.getMessage()
                    + ". Do not retry it as is; ask the user for a different prompt.");
            case LIMITED -> PromptCooldownException.CODE.equals(e.code())
                    ? new ToolException("Too many refused prompts: wait " + e.retryAfterHeader() + " seconds before generating again.")
                    : new ToolException(sentence(e.getMessage()) + " Wait before trying again.");
            case NOT_FOUND -> new ToolException(sentence(e.getMessage()) + (LISTED.contains(e.code())
                    ? " Call list_generations or search_images to find the right id." : ""));
            case PAYMENT_REQUIRED -> new ToolException("The team does not have enough credits (" + e.getMessage()
                    + "). Generate fewer images or ask an admin for credits.");
            case INTERNAL -> new ToolException("Atelier failed with an internal error (it was logged). Try again later.");
            default -> new ToolException(sentence(e.getMessage()));
        };
    }

    private static ToolException invalid(String field, String message) {
        String argument = field == null ? null : ARGUMENTS.getOrDefault(field, field);
        String hint = switch (argument == null ? "" : argument) {
            case "model" -> " Call list_models to see the available ones.";
            case "template", "--style" -> " Call list_templates to see the available ones.";
            case "count" -> " Call list_models to see each model's maxCount.";
            default -> "";
        };
        return new ToolException((argument == null ? "" : "Invalid " + argument + ": ") + sentence(message) + hint);
    }

    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "The request was refused.";
        }
        String s = message.strip();
        return s.endsWith(".") ? s : s + ".";
    }
}
