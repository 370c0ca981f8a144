package io.atelier.bot.chat;

import io.atelier.core.common.Timestamps;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelCatalog;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Per-user {@link ChatSettings} in {@code chat_user_settings}. */
@Service
public class ChatSettingsStore {

    private final JdbcClient jdbc;
    private final ModelCatalog catalog;

    ChatSettingsStore(JdbcClient jdbc, ModelCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public ChatSettings get(ChatUser user) {
        return jdbc.sql("""
                        SELECT model, aspect_ratio, template, enhance FROM chat_user_settings
                        WHERE platform = ? AND tenant_id = ? AND user_id = ?""")
                .params(user.platform().name(), user.tenantId(), user.userId())
                .query((rs, i) -> new ChatSettings(rs.getString("model"), rs.getString("aspect_ratio"),
                        rs.getString("template"), (Boolean) rs.getObject("enhance")))
                .optional()
                .orElse(ChatSettings.NONE);
    }

    /**
     * Merges {@code changes} (null fields untouched) into the user's settings and returns the result.
     * An empty string clears a text field.
     *
     * @throws GenerationValidationException naming the field when the model or aspect ratio is unknown
     */
    @Transactional
    public ChatSettings update(ChatUser user, ChatSettings changes) {
        if (changes.model() != null && !changes.model().isEmpty() && catalog.find(changes.model()).isEmpty()) {
            throw GenerationValidationException.invalid("model", "unknown model " + changes.model());
        }
        if (changes.aspectRatio() != null && !changes.aspectRatio().isEmpty()
                && AspectRatio.parse(changes.aspectRatio()).isEmpty()) {
            throw GenerationValidationException.invalid("aspect_ratio", "aspect_ratio must look like 16:9");
        }
        ChatSettings merged = get(user).merge(changes);
        merged = new ChatSettings(emptyToNull(merged.model()), emptyToNull(merged.aspectRatio()),
                emptyToNull(merged.template()), merged.enhance());
        OffsetDateTime now = Timestamps.db(Timestamps.now());
        int updated = jdbc.sql("""
                        UPDATE chat_user_settings SET model = ?, aspect_ratio = ?, template = ?, enhance = ?, updated_at = ?
                        WHERE platform = ? AND tenant_id = ? AND user_id = ?""")
                .params(merged.model(), merged.aspectRatio(), merged.template(), merged.enhance(), now,
                        user.platform().name(), user.tenantId(), user.userId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chat_user_settings (platform, tenant_id, user_id, model, aspect_ratio, template, enhance, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(user.platform().name(), user.tenantId(), user.userId(), merged.model(), merged.aspectRatio(),
                            merged.template(), merged.enhance(), now)
                    .update();
        }
        return merged;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
