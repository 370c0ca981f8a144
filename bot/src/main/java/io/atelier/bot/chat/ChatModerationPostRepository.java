package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import io.atelier.core.gallery.GalleryStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code chat_moderation_posts} table: per generation and platform, which moderators' channel got
 * a publish request, its message, the entry status it shows, and what its author was told. A row
 * without a message is a claim made before posting.
 */
@Repository
class ChatModerationPostRepository {

    /** One post (or claim) as stored. */
    record Post(String platform, String tenantId, String channelId, String messageRef, String shown, String told) {
    }

    private final JdbcClient jdbc;

    ChatModerationPostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a post about to be made: no message yet, showing the request. */
    void claim(String generationId, String platform, String tenant, String channel) {
        Instant now = Timestamps.now();
        jdbc.sql("""
                        INSERT INTO chat_moderation_posts (generation_id, platform, tenant_id, channel_id, message_ref,
                            shown_status, author_told_status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?)""")
                .params(generationId, platform, tenant, channel, GalleryStatus.PENDING_REVIEW.name(), Timestamps.db(now),
                        Timestamps.db(now))
                .update();
    }

    void setMessage(String generationId, String platform, String channel, String messageRef) {
        set(generationId, platform, channel, "message_ref", messageRef);
    }

    void setShown(String generationId, String platform, String channel, String status) {
        set(generationId, platform, channel, "shown_status", status);
    }

    /** Records what the author was told, on every post of the generation on the platform. */
    void setAuthorTold(String generationId, String platform, String status) {
        jdbc.sql("UPDATE chat_moderation_posts SET author_told_status = ?, updated_at = ? WHERE generation_id = ? AND platform = ?")
                .params(status, Timestamps.db(Timestamps.now()), generationId, platform).update();
    }

    private void set(String generationId, String platform, String channel, String column, String value) {
        jdbc.sql("UPDATE chat_moderation_posts SET " + column + " = ?, updated_at = ? WHERE generation_id = ? AND platform = ? AND channel_id = ?")
                .params(value, Timestamps.db(Timestamps.now()), generationId, platform, channel).update();
    }

    /** The generation's posts on the platform, oldest first. */
    List<Post> posts(String generationId, String platform) {
        return jdbc.sql("""
                        SELECT platform, tenant_id, channel_id, message_ref, shown_status, author_told_status
                        FROM chat_moderation_posts WHERE generation_id = ? AND platform = ? ORDER BY created_at""")
                .params(generationId, platform)
                .query((rs, n) -> new Post(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    boolean hasPosts(String generationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_moderation_posts WHERE generation_id = ?").param(generationId)
                .query(Long.class).single() > 0;
    }

    /** Generations with a post that still shows this status. */
    List<String> showing(GalleryStatus status) {
        return jdbc.sql("SELECT DISTINCT generation_id FROM chat_moderation_posts WHERE shown_status = ?")
                .param(status.name()).query(String.class).list();
    }
}
