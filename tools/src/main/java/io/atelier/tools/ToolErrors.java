package io.atelier.tools;

import io.atelier.core.account.InsufficientCreditsException;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.generation.GenerationNotFoundException;
import io.atelier.core.generation.GenerationStateException;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.prompt.PromptCooldownException;
import io.atelier.core.prompt.PromptException;
import io.atelier.core.prompt.PromptValidationException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the core's exceptions into {@link ToolException}s: one or two sentences naming the tool
 * argument at fault and the next step. Unexpected failures are logged here with their stack trace
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

    private ToolErrors() {
    }

    static ToolException translate(RuntimeException e) {
        return switch (e) {
            case ToolException already -> already;
            case GenerationValidationException v -> invalid(v.field(), v.getMessage());
            case PromptValidationException v -> invalid(v.field(), v.getMessage());
            case PromptBlockedException b -> new ToolException("The prompt was refused by moderation: " + b.getMessage()
                    + ". Do not retry it as is; ask the user for a different prompt.");
            case PromptCooldownException c -> new ToolException("Too many refused prompts: wait "
                    + c.retryAfterSeconds() + " seconds before generating again.");
            case PromptException p -> new ToolException(sentence(p.getMessage()));
            case GenerationNotFoundException n -> new ToolException(sentence(n.getMessage())
                    + " Call list_generations or search_images to find the right id.");
            case GenerationStateException s -> new ToolException(sentence(s.getMessage()));
            case GalleryException g -> switch (g.kind()) {
                case NOT_FOUND -> new ToolException(sentence(g.getMessage())
                        + " Call list_generations or search_images to find the right id.");
                case INVALID -> invalid(g.field(), g.getMessage());
                case RATE_LIMITED -> new ToolException(sentence(g.getMessage()) + " Wait before trying again.");
                default -> new ToolException(sentence(g.getMessage()));
            };
            case InsufficientCreditsException c -> new ToolException("The team does not have enough credits ("
                    + c.required() + " needed, " + c.available() + " left). Generate fewer images or ask an admin for credits.");
            default -> {
                log.error("tool call failed unexpectedly", e);
                yield new ToolException("Atelier failed with an internal error (it was logged). Try again later.");
            }
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
