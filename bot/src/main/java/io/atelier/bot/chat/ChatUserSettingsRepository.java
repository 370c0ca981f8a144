package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_user_settings} table: one row of {@link ChatSettings} per chat user. */
@Repository
class ChatUserSettingsRepository {

    private final JdbcClient jdbc;

    ChatUserSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ChatSettings> find(ChatUser user) {
        return jdbc.sql("""
                        SELECT model, aspect_ratio, template, enhance FROM chat_user_settings
                        WHERE platform = ? AND tenant_id = ? AND user_id = ?""")
                .params(user.platform().name(), user.tenantId(), user.userId())
                .query((rs, i) -> new ChatSettings(rs.getString("model"), rs.getString("aspect_ratio"),
                        rs.getString("template"), (Boolean) rs.getObject("enhance")))
                .optional();
    }

    /** Replaces the user's row with {@code settings}, inserting it when the user has none. */
    void save(ChatUser user, ChatSettings settings) {
        OffsetDateTime now = Timestamps.db(Timestamps.now());
        int updated = jdbc.sql("""
                        UPDATE chat_user_settings SET model = ?, aspect_ratio = ?, template = ?, enhance = ?, updated_at = ?
                        WHERE platform = ? AND tenant_id = ? AND user_id = ?""")
                .params(settings.model(), settings.aspectRatio(), settings.template(), settings.enhance(), now,
                        user.platform().name(), user.tenantId(), user.userId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chat_user_settings (platform, tenant_id, user_id, model, aspect_ratio, template, enhance, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(user.platform().name(), user.tenantId(), user.userId(), settings.model(),
                            settings.aspectRatio(), settings.template(), settings.enhance(), now)
                    .update();
        }
    }
}
