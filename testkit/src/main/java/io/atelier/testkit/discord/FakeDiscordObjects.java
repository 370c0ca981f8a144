package io.atelier.testkit.discord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord's objects as the fake sends them (users, the channel, messages) and its snowflake ids,
 * whose timestamp part is what JDA reads as a creation time.
 */
final class FakeDiscordObjects {

    private final AtomicLong ids = new AtomicLong();

    /** A fresh snowflake of {@code at}. */
    String snowflake(Instant at) {
        return Long.toUnsignedString(((at.toEpochMilli() - FakeDiscord.DISCORD_EPOCH) << 22)
                | (ids.incrementAndGet() & 0x3FFFFF));
    }

    /** A fresh gateway session id. */
    String sessionId() {
        return "session-" + ids.incrementAndGet();
    }

    static Map<String, Object> channel() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", FakeDiscord.CHANNEL_ID);
        c.put("type", 0);
        c.put("guild_id", FakeDiscord.GUILD_ID);
        c.put("name", "general");
        c.put("position", 0);
        c.put("permission_overwrites", List.of());
        c.put("nsfw", false);
        c.put("parent_id", null);
        c.put("topic", null);
        c.put("last_message_id", null);
        c.put("rate_limit_per_user", 0);
        c.put("flags", 0);
        c.put("permissions", "2248473465835073");
        return c;
    }

    static Map<String, Object> user(String id, String name) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("username", name);
        u.put("discriminator", "0");
        u.put("global_name", name);
        u.put("avatar", null);
        u.put("public_flags", 0);
        return u;
    }

    static Map<String, Object> botUser() {
        Map<String, Object> u = user(FakeDiscord.APP_ID, "atelier");
        u.put("bot", true);
        u.put("verified", true);
        u.put("mfa_enabled", false);
        u.put("flags", 0);
        return u;
    }

    /** A guild member with these permissions. */
    static Map<String, Object> member(String userId, String permissions) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("user", user(userId, "user" + userId));
        member.put("roles", List.of());
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.put("permissions", permissions);
        return member;
    }

    /** A message object as Discord returns it (the bot as author); an empty channel id is the guild channel. */
    static Map<String, Object> message(String id, String channelId, List<Object> embeds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("type", 0);
        m.put("channel_id", channelId.isEmpty() ? FakeDiscord.CHANNEL_ID : channelId);
        m.put("author", botUser());
        m.put("content", "");
        m.put("timestamp", "2026-01-01T00:00:00.000000+00:00");
        m.put("edited_timestamp", null);
        m.put("tts", false);
        m.put("mention_everyone", false);
        m.put("mentions", List.of());
        m.put("mention_roles", List.of());
        m.put("attachments", List.of());
        m.put("embeds", embeds);
        m.put("components", List.of());
        m.put("pinned", false);
        m.put("flags", 0);
        m.put("application_id", FakeDiscord.APP_ID);
        return m;
    }
}
