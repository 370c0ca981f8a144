package io.atelier.bot.discord;

import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The Discord REST calls delivery needs, blocking, with failures as {@link DiscordCallException}.
 * A seam for unit tests; the implementation ({@link JdaDiscordRest}) goes through JDA.
 */
interface DiscordRest {

    /** {@code PATCH /webhooks/{application}/{token}/messages/@original}; returns the message's id. */
    String editOriginal(String interactionToken, MessageEditData data);

    /** {@code POST /channels/{channel}/messages} with the bot token; returns the message id. */
    String sendToChannel(String channelId, MessageCreateData data);

    /** {@code PATCH /channels/{channel}/messages/{message}} with the bot token. */
    void editInChannel(String channelId, String messageId, MessageEditData data);

    /** Opens the DM channel with a user and posts there; returns (channel id, message id). */
    Sent sendDirect(String userId, MessageCreateData data);

    record Sent(String channelId, String messageId) {
    }
}
