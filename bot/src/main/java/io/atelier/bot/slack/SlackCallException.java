package io.atelier.bot.slack;

import java.time.Duration;

/**
 * A Slack Web API call that did not succeed after the client's own retries.
 *
 * @param retryAfter when Slack said when to come back (429 {@code Retry-After}), else null
 */
final class SlackCallException extends RuntimeException {

    private final String method;
    private final String error;
    private final boolean retriable;
    private final Duration retryAfter;

    SlackCallException(String method, String error, boolean retriable, Duration retryAfter, Throwable cause) {
        super("Slack " + method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
        this.retriable = retriable;
        this.retryAfter = retryAfter;
    }

    String method() {
        return method;
    }

    /** Slack's error code ({@code channel_not_found}, {@code ratelimited}, {@code HTTP 503}…). */
    String error() {
        return error;
    }

    /** Whether trying again later may succeed (rate limits, 5xx, network); false for Slack's "ok": false answers. */
    boolean retriable() {
        return retriable;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
