package io.atelier.bot.chat;

import java.util.Locale;
import java.util.Optional;

/** What a chat button does. */
public enum ChatAction {
    /** Same options, new seed. */
    REROLL(false),
    /** Same prompt, nearby seeds (or an edit where the model supports it). */
    VARIATIONS(false),
    /** Ask for the gallery (enters moderation review). */
    PUBLISH(true),
    /** Delete the generation and its images. */
    DELETE(true),
    /** Show prompt, parameters and provenance, only to the clicker. */
    DETAILS(false),
    /** Run a failed generation again. */
    RETRY(false),
    /** Moderator: approve a publish request. */
    APPROVE(false),
    /** Moderator: reject a publish request. */
    REJECT(false);

    private final boolean ownerOnly;

    ChatAction(boolean ownerOnly) {
        this.ownerOnly = ownerOnly;
    }

    /** Only the owner (or a moderator) may use it; the others are open to members of the same tenant. */
    public boolean ownerOnly() {
        return ownerOnly;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ChatAction> parse(String text) {
        for (ChatAction a : values()) {
            if (a.wireName().equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
