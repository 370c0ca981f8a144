package io.atelier.core.prompt;

import io.atelier.core.error.ErrorKind;

/**
 * A template, preset or blocklist entry that does not exist for the caller's team (another team's
 * is reported the same way). Codes: {@code TEMPLATE_NOT_FOUND}, {@code PRESET_NOT_FOUND},
 * {@code BLOCKLIST_ENTRY_NOT_FOUND}.
 */
public class PromptNotFoundException extends PromptException {

    public PromptNotFoundException(String code, String message) {
        super(ErrorKind.NOT_FOUND, code, null, message, null);
    }
}
