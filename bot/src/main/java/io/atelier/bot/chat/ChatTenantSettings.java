package io.atelier.bot.chat;

import io.atelier.core.generation.GenerationValidationException;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's own settings: its moderators' channel and its quotas, instead of one global set for every
 * guild or workspace. Null fields fall back to the configuration. Kept by {@link ChatTenantSettingsRepository}.
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

    private final ChatTenantSettingsRepository repository;

    ChatTenantSettings(ChatTenantSettingsRepository repository) {
        this.repository = repository;
    }

    public Settings get(ChatPlatform platform, String tenantId) {
        return repository.find(platform, tenantId).orElse(Settings.NONE);
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
        repository.save(platform, tenantId, merged);
        return merged;
    }
}
