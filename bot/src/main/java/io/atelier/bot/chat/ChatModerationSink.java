package io.atelier.bot.chat;

import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.generation.Generation;

/**
 * One platform's half of moderation in chat ({@link ChatModerationPosts}): where a tenant's publish
 * requests go, posting one, showing the decision on it, telling the author. Implemented by each bot.
 *
 * <p>Contract: called from the {@code chat-moderation} job only; may block on HTTP. Failures are
 * {@link Failure}s: retriable ones run the job again later, the others give up on that post.
 */
public interface ChatModerationSink {

    ChatPlatform platform();

    /**
     * The platform's configured moderators' channel ({@code moderation-channel}), null or blank when
     * none: where API and agent publishes go, and a tenant's requests when the tenant set no channel
     * of its own ({@link ChatTenantSettings#moderationChannel}).
     */
    String configuredChannel();

    /** The tenant whose token reaches the default channel (API and agent publishes). */
    String defaultTenant();

    /** Posts a publish request with its image and Approve/Reject; returns the message's id. */
    String post(String tenantId, String channelId, Generation generation, GalleryEntry entry);

    /**
     * Replaces a request's controls with the decision.
     *
     * @param decidedBy who decided ({@code slack:T1:U2}, {@code key:…}, a display name), or null
     */
    void showDecision(String tenantId, String channelId, String messageRef, GalleryEntry entry, String decidedBy);

    /** Tells the author (a DM) what became of their publish request. */
    void tellAuthor(String tenantId, String userId, GalleryEntry entry);

    /** A platform call that failed. */
    final class Failure extends RuntimeException {
        private final boolean retriable;

        public Failure(String message, boolean retriable, Throwable cause) {
            super(message, cause);
            this.retriable = retriable;
        }

        public boolean retriable() {
            return retriable;
        }
    }
}
