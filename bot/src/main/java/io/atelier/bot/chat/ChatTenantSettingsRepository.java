package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code chat_tenant_settings} table: one row of {@link ChatTenantSettings.Settings} per tenant. */
@Repository
class ChatTenantSettingsRepository {

    private final JdbcClient jdbc;

    ChatTenantSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ChatTenantSettings.Settings> find(ChatPlatform platform, String tenantId) {
        return jdbc.sql("""
                        SELECT moderation_channel, user_concurrent, user_daily, tenant_concurrent, tenant_daily
                        FROM chat_tenant_settings WHERE platform = ? AND tenant_id = ?""")
                .params(platform.name(), tenantId)
                .query((rs, n) -> new ChatTenantSettings.Settings(rs.getString(1), (Integer) rs.getObject(2),
                        (Integer) rs.getObject(3), (Integer) rs.getObject(4), (Integer) rs.getObject(5)))
                .optional();
    }

    /** Replaces the tenant's row with {@code settings}, inserting it when the tenant has none. */
    void save(ChatPlatform platform, String tenantId, ChatTenantSettings.Settings settings) {
        OffsetDateTime now = Timestamps.db(Timestamps.now());
        int updated = jdbc.sql("""
                        UPDATE chat_tenant_settings SET moderation_channel = ?, user_concurrent = ?, user_daily = ?,
                            tenant_concurrent = ?, tenant_daily = ?, updated_at = ?
                        WHERE platform = ? AND tenant_id = ?""")
                .params(settings.moderationChannel(), settings.userConcurrent(), settings.userDaily(),
                        settings.tenantConcurrent(), settings.tenantDaily(), now, platform.name(), tenantId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chat_tenant_settings (platform, tenant_id, moderation_channel, user_concurrent,
                                user_daily, tenant_concurrent, tenant_daily, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(platform.name(), tenantId, settings.moderationChannel(), settings.userConcurrent(),
                            settings.userDaily(), settings.tenantConcurrent(), settings.tenantDaily(), now)
                    .update();
        }
    }
}
