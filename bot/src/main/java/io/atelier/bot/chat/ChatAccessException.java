package io.atelier.bot.chat;

/**
 * A chat user who may not go on: their guild or workspace is not on the allow-list
 * ({@code TENANT_NOT_ALLOWED}), or they spent their requests for now ({@code RATE_LIMITED}). The
 * message is meant for them (shown ephemerally, like other refused actions).
 */
class ChatAccessException extends ChatActionException {
    public ChatAccessException(String code, String message) {
        super(code, message);
    }
}
