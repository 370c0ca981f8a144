package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.GenerationValidationException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's own settings ({@code chat_tenant_settings}): its moderators' channel and its quotas,
 * instead of one global set for every guild or workspace. Null fields fall back to the configuration.
 */
@Service
public class ChatTenantSettings {

    /** One tenant's settings; null = the global value. */
    public record Settings(String moderationChannel, Integer userConcurrent, Integer userDaily, Integer tenantConcurrent,
                           Integer tenantDaily) {
        public static final Settings NONE = new Settings(null, null, null, null, null);

        /** These settings with every field {@code o} sets replacing ours. */
        public Settings with(Settings o) {
            return merge(o);
        }

        Settings merge(Settings o) {
            return new Settings(o.moderationChannel != null ? o.moderationChannel : moderationChannel,
                    o.userConcurrent != null ? o.userConcurrent : userConcurrent,
                    o.userDaily != null ? o.userDaily : userDaily,
                    o.tenantConcurrent != null ? o.tenantConcurrent : tenantConcurrent,
                    o.tenantDaily != null ? o.tenantDaily : tenantDaily);
        }
    }

    private final JdbcClient jdbc;

    ChatTenantSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Settings get(ChatPlatform platform, String tenantId) {
        return find(platform, tenantId).orElse(Settings.NONE);
    }

    /**
     * Where moderation requests of the tenant go: its own moderators' channel, else
     * {@code configured} (the platform's {@code moderation-channel}); empty when neither is set.
     * A null or empty tenant (API and agent requests) has only the configured one.
     */
    public Optional<String> moderationChannel(ChatPlatform platform, String tenantId, String configured) {
        if (tenantId != null && !tenantId.isEmpty()) {
            String own = get(platform, tenantId).moderationChannel();
            if (own != null) {
                return Optional.of(own);
            }
        }
        return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(configured);
    }

    private Optional<Settings> find(ChatPlatform platform, String tenantId) {
        return jdbc.sql("""
                        SELECT moderation_channel, user_concurrent, user_daily, tenant_concurrent, tenant_daily
                        FROM chat_tenant_settings WHERE platform = ? AND tenant_id = ?""")
                .params(platform.name(), tenantId)
                .query((rs, n) -> new Settings(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        (Integer) rs.getObject(4), (Integer) rs.getObject(5)))
                .optional();
    }

    /**
     * Merges {@code changes} (null fields untouched; an empty channel clears it) and returns the result.
     *
     * @throws GenerationValidationException naming the field for a negative quota
     */
    @Transactional
    public Settings update(ChatPlatform platform, String tenantId, Settings changes) {
        for (Integer q : new Integer[] {changes.userConcurrent(), changes.userDaily(), changes.tenantConcurrent(),
                changes.tenantDaily()}) {
            if (q != null && q < 0) {
                throw GenerationValidationException.invalid("quota", "quotas are 0 (unlimited) or more");
            }
        }
        Settings merged = get(platform, tenantId).merge(changes);
        String channel = merged.moderationChannel() == null || merged.moderationChannel().isBlank() ? null
                : merged.moderationChannel().strip();
        merged = new Settings(channel, merged.userConcurrent(), merged.userDaily(), merged.tenantConcurrent(),
                merged.tenantDaily());
        OffsetDateTime now = Timestamps.db(Timestamps.now());
        int updated = jdbc.sql("""
                        UPDATE chat_tenant_settings SET moderation_channel = ?, user_concurrent = ?, user_daily = ?,
                            tenant_concurrent = ?, tenant_daily = ?, updated_at = ?
                        WHERE platform = ? AND tenant_id = ?""")
                .params(merged.moderationChannel(), merged.userConcurrent(), merged.userDaily(), merged.tenantConcurrent(),
                        merged.tenantDaily(), now, platform.name(), tenantId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chat_tenant_settings (platform, tenant_id, moderation_channel, user_concurrent,
                                user_daily, tenant_concurrent, tenant_daily, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(platform.name(), tenantId, merged.moderationChannel(), merged.userConcurrent(),
                            merged.userDaily(), merged.tenantConcurrent(), merged.tenantDaily(), now)
                    .update();
        }
        return merged;
    }
}
