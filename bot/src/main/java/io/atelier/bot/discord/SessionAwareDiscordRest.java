package io.atelier.bot.discord;

import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Delivery's {@link DiscordRest} on every instance: through this instance's JDA session when it
 * holds the gateway (JDA's rate-limit buckets, caches), over plain HTTP with the bot token when it
 * does not ({@link HttpDiscordRest}), so deliveries work on all instances, leader or not.
 */
final class SessionAwareDiscordRest implements DiscordRest {

    private final Supplier<JDA> session;
    private final DiscordRest jda;
    private final HttpDiscordRest http;

    SessionAwareDiscordRest(Supplier<JDA> session, DiscordRest jda, HttpDiscordRest http) {
        this.session = session;
        this.jda = jda;
        this.http = http;
    }

    private DiscordRest current() {
        return session.get() != null ? jda : http;
    }

    @Override
    public String editOriginal(String interactionToken, MessageEditData data) {
        return current().editOriginal(interactionToken, data);
    }

    @Override
    public String sendToChannel(String channelId, MessageCreateData data) {
        return current().sendToChannel(channelId, data);
    }

    @Override
    public void editInChannel(String channelId, String messageId, MessageEditData data) {
        current().editInChannel(channelId, messageId, data);
    }

    @Override
    public Sent sendDirect(String userId, MessageCreateData data) {
        return current().sendDirect(userId, data);
    }

    void close() {
        http.close();
    }
}
