package io.atelier.bot.chat;

import java.util.Map;
import java.util.Objects;

/**
 * Where a chat message lives, as its platform needs it: Discord keeps the application id, the
 * interaction token and when the interaction arrived; Slack the channel and message timestamp.
 * Stored as JSON with the delivery; a channel may update it (e.g. after falling back to a
 * channel message, the new message id).
 *
 * @param channelId the channel (or DM) the message is in, or null
 * @param data      platform-specific keys (secret tokens included: never logged)
 */
public record DeliveryTarget(String channelId, Map<String, String> data) {

    public DeliveryTarget {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public String get(String key) {
        return data.get(key);
    }

    @Override
    public String toString() {
        return "DeliveryTarget[channelId=" + channelId + ", keys=" + data.keySet() + "]";
    }

    static DeliveryTarget of(String channelId, Map<String, String> data) {
        Objects.requireNonNull(data, "data");
        return new DeliveryTarget(channelId, data);
    }
}
