package io.atelier.bot.chat;

import io.atelier.core.common.Ids;
import java.util.Optional;

/**
 * A button's custom id / action id: {@code atelier:<action>:<id>}, or {@code atelier:<action>.<n>:<id>}
 * for an action on image {@code n} of a result (U3, V2) or prompt {@code n} of a {@code /describe}
 * (at most 59 characters, within Discord's 100 and Slack's 255). The id is a generation id, or for
 * {@link ChatAction#IMAGINE_PROMPT} the id of a stored {@code /describe} answer. It carries no state
 * beyond that: everything else is read from the database when the button is clicked, so buttons keep
 * working after restarts and on any instance. Never trusted: the clicker is checked by {@link ChatActions}.
 *
 * @param index 1-based image or prompt number; 0 for an action on the whole generation
 */
public record ActionId(ChatAction action, int index, String targetId) {

    static final String PREFIX = "atelier:";
    public static final int MAX_LENGTH = 100;
    /** The highest image or prompt number a button names. */
    public static final int MAX_INDEX = 9;

    public ActionId {
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("index must be 0-" + MAX_INDEX + ": " + index);
        }
    }

    public ActionId(ChatAction action, String targetId) {
        this(action, 0, targetId);
    }

    /** The generation the action is on (for {@link ChatAction#IMAGINE_PROMPT}: the {@code /describe} id). */
    public String generationId() {
        return targetId;
    }

    public String encode() {
        return PREFIX + action.wireName() + (index == 0 ? "" : "." + index) + ":" + targetId;
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
        String name = rest.substring(0, colon);
        int index = 0;
        int dot = name.indexOf('.');
        if (dot >= 0) {
            String number = name.substring(dot + 1);
            if (number.length() != 1 || number.charAt(0) < '1' || number.charAt(0) > '0' + MAX_INDEX) {
                return Optional.empty();
            }
            index = number.charAt(0) - '0';
            name = name.substring(0, dot);
        }
        int n = index;
        return ChatAction.parse(name).filter(a -> a.takesIndex() || n == 0).map(a -> new ActionId(a, n, id));
    }

    public static String encode(ChatAction action, String generationId) {
        return new ActionId(action, generationId).encode();
    }

    public static String encode(ChatAction action, int index, String generationId) {
        return new ActionId(action, index, generationId).encode();
    }
}
