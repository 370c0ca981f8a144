package io.atelier.bot.chat;

import java.util.Objects;
import java.util.Set;

/**
 * A chat user as the platform established it (never from message text).
 *
 * @param platform    where they are
 * @param tenantId    Discord guild id or Slack workspace (team) id; a DM without a guild uses {@code dm}
 * @param userId      the platform's user id
 * @param displayName shown in captions and audit entries
 * @param roles       role ids/names (Discord roles, Slack user groups) for per-role quota overrides
 * @param moderator   whether the platform says this user may moderate (moderator role, Manage Messages, group)
 */
public record ChatUser(ChatPlatform platform, String tenantId, String userId, String displayName, Set<String> roles,
                       boolean moderator) {

    public ChatUser {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        displayName = displayName == null ? userId : displayName;
    }

    public ChatUser(ChatPlatform platform, String tenantId, String userId, String displayName) {
        this(platform, tenantId, userId, displayName, Set.of(), false);
    }

    /**
     * The principal id used as {@code Caller.keyId} and gallery actor id: {@code discord:<user>} (Discord
     * user ids are global) or {@code slack:<workspace>:<user>}. Prompt cooldowns are counted per principal.
     */
    public String principal() {
        return switch (platform) {
            case DISCORD -> "discord:" + userId;
            case SLACK -> "slack:" + tenantId + ":" + userId;
        };
    }
}
