package io.atelier.bot.chat;

import java.util.HashMap;
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

    /** The key of the image a message shows alone (1-based; see {@link ChatRenderer#view(io.atelier.core.generation.Generation, int)}). */
    public static final String FOCUS = "focus";

    public DeliveryTarget {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    public String get(String key) {
        return data.get(key);
    }

    /** The image this message shows alone, 0 for the whole result. */
    public int focus() {
        String value = data.get(FOCUS);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** This target, showing only image {@code index} (1-based). */
    public DeliveryTarget withFocus(int index) {
        Map<String, String> more = new HashMap<>(data);
        more.put(FOCUS, Integer.toString(index));
        return new DeliveryTarget(channelId, more);
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
