package io.atelier.core.prompt;

/**
 * A prompt-pipeline failure with a stable, user-facing code. Surfaces map the subclasses to their
 * own error shapes: {@link PromptValidationException} (bad input, 400), {@link PromptBlockedException}
 * ({@code PROMPT_BLOCKED}), {@link PromptCooldownException} ({@code PROMPT_COOLDOWN}, 429 with
 * Retry-After), {@link PromptNotFoundException} (404) and {@link PromptConflictException} (409).
 */
public abstract class PromptException extends RuntimeException {

    private final String code;

    protected PromptException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Stable error code, e.g. {@code VALIDATION_ERROR}, {@code PROMPT_BLOCKED}. */
    public String code() {
        return code;
    }
}
