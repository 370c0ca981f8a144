package io.atelier.bot.chat;

import io.atelier.core.common.Ids;
import java.util.Optional;

/**
 * A button's custom id / action id: {@code atelier:<action>:<generation id>} (at most 51
 * characters, within Discord's 100 and Slack's 255). It carries no state beyond the generation id:
 * everything else is read from the database when the button is clicked, so buttons keep working
 * after restarts and on any instance. Never trusted: the clicker is checked by {@link ChatActions}.
 */
public record ActionId(ChatAction action, String generationId) {

    static final String PREFIX = "atelier:";
    public static final int MAX_LENGTH = 100;

    public String encode() {
        return PREFIX + action.wireName() + ":" + generationId;
    }

    /** Parses a custom id; empty when it is not ours or malformed. */
    public static Optional<ActionId> parse(String customId) {
        if (customId == null || customId.length() > MAX_LENGTH || !customId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = customId.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = rest.substring(colon + 1);
        if (!Ids.isUuid(id)) {
            return Optional.empty();
        }
        return ChatAction.parse(rest.substring(0, colon)).map(a -> new ActionId(a, id));
    }

    public static String encode(ChatAction action, String generationId) {
        return new ActionId(action, generationId).encode();
    }
}
