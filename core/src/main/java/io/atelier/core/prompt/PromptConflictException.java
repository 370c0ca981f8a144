package io.atelier.core.prompt;

import io.atelier.core.error.ErrorKind;

/**
 * A change that conflicts with what exists: a name already taken, a built-in that cannot be
 * changed, a per-team limit reached. Codes: {@code TEMPLATE_EXISTS}, {@code TEMPLATE_READ_ONLY},
 * {@code PRESET_READ_ONLY}, {@code BLOCKLIST_ENTRY_EXISTS}, {@code LIMIT_REACHED}.
 */
public class PromptConflictException extends PromptException {

    public PromptConflictException(String code, String message) {
        super(ErrorKind.CONFLICT, code, null, message, null);
    }
}
