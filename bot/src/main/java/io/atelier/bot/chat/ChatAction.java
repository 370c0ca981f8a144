package io.atelier.bot.chat;

import java.util.Locale;
import java.util.Optional;

/** What a chat button does. */
public enum ChatAction {
    /** Same options, new seed. */
    REROLL(false, false),
    /** Buttons of older messages: variations of the first image (as {@link #VARY_STRONG} 1). */
    VARIATIONS(false, false),
    /** Upscale image n (U1–U4, or Upscale under a single image). */
    UPSCALE(false, true),
    /** Variations of image n that stay close to it (image-to-image at a low strength). */
    VARY_SUBTLE(false, true),
    /** Variations of image n that move further (image-to-image at a high strength; V1–V4). */
    VARY_STRONG(false, true),
    /** Edit the prompt and its options in a form, then run again. */
    REMIX(false, false),
    /** Stop a queued or running generation; its credits are refunded. */
    CANCEL(true, false),
    /** Imagine prompt n of a {@code /describe} answer (the id is the answer's). */
    IMAGINE_PROMPT(false, true),
    /** Ask for the gallery (enters moderation review). */
    PUBLISH(true, false),
    /** Delete the generation and its images. */
    DELETE(true, false),
    /** Show prompt, parameters and provenance, only to the clicker. */
    DETAILS(false, false),
    /** Run a failed generation again. */
    RETRY(false, false),
    /** Moderator: approve a publish request. */
    APPROVE(false, false),
    /** Moderator: reject a publish request. */
    REJECT(false, false);

    private final boolean ownerOnly;
    private final boolean takesIndex;

    ChatAction(boolean ownerOnly, boolean takesIndex) {
        this.ownerOnly = ownerOnly;
        this.takesIndex = takesIndex;
    }

    /** Only the owner (or a moderator) may use it; the others are open to members of the same tenant. */
    public boolean ownerOnly() {
        return ownerOnly;
    }

    /** Whether its buttons name an image or prompt number ({@code atelier:upscale.3:…}). */
    public boolean takesIndex() {
        return takesIndex;
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
