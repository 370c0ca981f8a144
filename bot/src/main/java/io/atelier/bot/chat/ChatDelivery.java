package io.atelier.bot.chat;

import java.time.Instant;

/**
 * One chat message kept in step with one generation (a row of {@code chat_deliveries}).
 *
 * @param lastView   {@link ChatView#key()} of what the message shows now, or null before the first edit
 * @param lastEditAt when the message was last edited by us
 * @param attempts   failed attempts since the last success
 */
public record ChatDelivery(String id, String generationId, String teamId, ChatPlatform platform, String tenantId,
                           String userId, DeliveryTarget target, State state, String lastView, Instant lastEditAt,
                           int attempts, String lastError, Instant createdAt) {

    /** Lifecycle of a delivery. */
    public enum State {
        /** Being kept in step with the generation. */
        ACTIVE,
        /** The final state (result or failure) was delivered. */
        DONE,
        /** The message cannot be reached any more (expired token, deleted message, no permission). */
        GONE,
        /** Too many failed attempts, or the generation did not end within the maximum age. */
        GAVE_UP
    }
}
