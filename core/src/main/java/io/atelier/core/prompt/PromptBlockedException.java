package io.atelier.core.prompt;

import io.atelier.core.error.ErrorKind;

/**
 * The prompt matched a blocklist rule or was flagged by the moderation model. Nothing was charged
 * and no job exists. The message names the rule (its id and scope) or the category, never the
 * whole list.
 *
 * @see #rule() {@code global#3}, {@code team#<entry id>} or {@code model}
 * @see #category() the rule's category, or {@code null}
 */
public class PromptBlockedException extends PromptException {

    public static final String CODE = "PROMPT_BLOCKED";

    private final String rule;
    private final String category;

    /** Refused content; the field at fault is always {@code prompt}. */
    public PromptBlockedException(String rule, String category, String message) {
        super(ErrorKind.REFUSED, CODE, "prompt", message, null);
        this.rule = rule;
        this.category = category;
    }

    public String rule() {
        return rule;
    }

    public String category() {
        return category;
    }
}
