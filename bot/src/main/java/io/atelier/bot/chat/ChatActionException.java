package io.atelier.bot.chat;

import io.atelier.core.error.AtelierException;
import io.atelier.core.error.ErrorKind;

/**
 * A button click that may not proceed: the generation is gone or belongs to another tenant
 * ({@code NOT_FOUND}), or the clicker is neither its owner nor a moderator ({@code FORBIDDEN}).
 * The message is meant for the clicker (shown ephemerally).
 */
public class ChatActionException extends AtelierException {

    public ChatActionException(String code, String message) {
        super(kindOf(code), code, null, message);
    }

    /** {@code NOT_FOUND}, {@code FORBIDDEN} and {@code TENANT_NOT_ALLOWED}, {@code RATE_LIMITED} are their kinds; else invalid. */
    private static ErrorKind kindOf(String code) {
        return switch (code) {
            case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
            case "FORBIDDEN", "TENANT_NOT_ALLOWED" -> ErrorKind.FORBIDDEN;
            case "RATE_LIMITED" -> ErrorKind.LIMITED;
            default -> ErrorKind.INVALID;
        };
    }
}
