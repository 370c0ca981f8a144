package io.atelier.bot.chat;

import io.atelier.core.generation.Generation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The chat user recorded in a generation's {@code meta.chat}: {@code {platform, tenant, user, name,
 * principal, channel}}. Visible in every API that shows the generation.
 */
public final class ChatMeta {

    public static final String KEY = "chat";

    private ChatMeta() {
    }

    static Map<String, Object> of(ChatUser user, String channelId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", user.platform().wireName());
        m.put("tenant", user.tenantId());
        m.put("user", user.userId());
        m.put("name", user.displayName());
        m.put("principal", user.principal());
        if (channelId != null) {
            m.put("channel", channelId);
        }
        return m;
    }

    /** The principal ({@code discord:123}) that started the generation from chat, if any. */
    public static Optional<String> principal(Generation generation) {
        Object chat = generation.asked().meta() == null ? null : generation.asked().meta().get(KEY);
        if (chat instanceof Map<?, ?> map && map.get("principal") instanceof String p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }

    /** The display name recorded for the chat user, if any. */
    public static Optional<String> displayName(Generation generation) {
        Object chat = generation.asked().meta() == null ? null : generation.asked().meta().get(KEY);
        if (chat instanceof Map<?, ?> map && map.get("name") instanceof String n) {
            return Optional.of(n);
        }
        return Optional.empty();
    }
}
