package io.atelier.bot.chat;

import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;

/** The answer to an {@code /imagine} (or a Reroll/Variations/Retry click). */
public sealed interface ImagineOutcome {

    /**
     * Queued.
     *
     * @param deliveryId the durable delivery tracking the message, or null when no target was given yet
     * @param view       the pending view to show at once
     */
    record Accepted(Generation generation, Caller caller, ChatView view, String deliveryId) implements ImagineOutcome {
    }

    /** Refused before a job existed (quota, cooldown, blocked prompt, bad option, no credits). */
    record Refused(ChatView.Failure failure) implements ImagineOutcome {
    }
}
