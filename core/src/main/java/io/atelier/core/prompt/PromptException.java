package io.atelier.core.prompt;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;
import java.time.Duration;

/**
 * A prompt-pipeline failure with a stable, user-facing code; each subclass fixes its kind, which
 * surfaces render: {@link PromptValidationException} (INVALID, 400), {@link PromptBlockedException}
 * ({@code PROMPT_BLOCKED}, REFUSED), {@link PromptCooldownException} ({@code PROMPT_COOLDOWN}, LIMITED:
 * 429 with Retry-After), {@link PromptNotFoundException} (404) and {@link PromptConflictException} (409).
 */
public abstract class PromptException extends AtelierException {

    /** {@code field} and {@code retryAfter} may be null. */
    protected PromptException(ErrorKind kind, String code, String field, String message, Duration retryAfter) {
        super(kind, code, field, message, retryAfter, null);
    }
}
