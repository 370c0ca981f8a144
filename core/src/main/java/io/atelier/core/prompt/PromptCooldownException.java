package io.atelier.core.prompt;

import io.atelier.core.error.ErrorKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The user (API key or chat principal) had too many prompts blocked recently and must wait.
 * HTTP surfaces answer 429 with {@code Retry-After: }{@link #retryAfterSeconds()}.
 */
public class PromptCooldownException extends PromptException {

    public static final String CODE = "PROMPT_COOLDOWN";

    private final Instant until;

    public PromptCooldownException(Instant until, Duration retryAfter) {
        super(ErrorKind.LIMITED, CODE, null, "too many blocked prompts: new prompts are refused for " + humanize(retryAfter)
                + " (until " + until + ")", retryAfter);
        this.until = until;
    }

    public Instant until() {
        return until;
    }

    /** Whole seconds to wait, at least 1 (for the Retry-After header). */
    public long retryAfterSeconds() {
        long millis = retryAfter().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    static String humanize(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        return ((seconds + 59) / 60) + " min";
    }
}
