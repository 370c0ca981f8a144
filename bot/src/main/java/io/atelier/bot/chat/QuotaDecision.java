package io.atelier.bot.chat;

import java.time.Instant;

/** Whether a chat user may start another job now. */
sealed interface QuotaDecision {

    /** May go ahead. */
    record Allowed() implements QuotaDecision {
    }

    /**
     * Refused.
     *
     * @param limit   which limit: {@code user-concurrent}, {@code user-daily}, {@code tenant-concurrent}, {@code tenant-daily}
     * @param message what to tell the user
     * @param retryAt when they can try again; null when it depends on a running job finishing
     */
    record Denied(String limit, String message, Instant retryAt) implements QuotaDecision {
    }
}
