package io.atelier.bot.discord;

import java.time.Duration;

/**
 * A Discord REST call that failed, classified for delivery decisions.
 */
class DiscordCallException extends RuntimeException {

    enum Kind {
        /** The interaction token is expired or unknown (401/404 on the webhook): never use it again. */
        TOKEN_GONE,
        /** The channel or message does not exist (any more). */
        NOT_FOUND,
        /** No access to the channel, or the user does not accept DMs. */
        FORBIDDEN,
        /** 429: try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx or a network failure: try again later. */
        TRANSIENT,
        /** Any other client error: the request itself is wrong; retrying will not help. */
        REJECTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    DiscordCallException(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    DiscordCallException(Kind kind, String message) {
        this(kind, message, null);
    }

    Kind kind() {
        return kind;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
