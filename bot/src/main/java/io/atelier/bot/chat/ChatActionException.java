package io.atelier.bot.chat;

/**
 * A button click that may not proceed: the generation is gone or belongs to another tenant
 * ({@code NOT_FOUND}), or the clicker is neither its owner nor a moderator ({@code FORBIDDEN}).
 * The message is meant for the clicker (shown ephemerally).
 */
public class ChatActionException extends RuntimeException {

    private final String code;

    public ChatActionException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
