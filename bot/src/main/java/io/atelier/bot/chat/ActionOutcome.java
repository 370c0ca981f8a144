package io.atelier.bot.chat;

import io.atelier.core.generation.Generation;

/**
 * What a button click (or a submitted form) led to, for the platform to render. Platforms translate
 * clicks into {@link ChatActionRunner} calls and these outcomes into messages; they decide nothing.
 */
public sealed interface ActionOutcome {

    /**
     * A new message tracks {@code generation} through the delivery {@code deliveryId}: a new job
     * (Reroll, Upscale, Vary, Remix, Retry, a described prompt), or an image of an existing result
     * shown alone ({@code newJob} false: Upscale on a model without an upscaler).
     */
    record Posted(Generation generation, String deliveryId, boolean newJob) implements ActionOutcome {
    }

    /** Nothing was started or changed; tell the clicker why (ephemerally). No credits were taken. */
    record Refused(ChatView.Failure failure) implements ActionOutcome {
    }

    /** The generation was canceled and {@code refunded} credits returned; its message follows by delivery. */
    record Canceled(Generation generation, long refunded) implements ActionOutcome {
    }

    /** The generation and its images were deleted. */
    record Deleted(Generation generation) implements ActionOutcome {
    }

    /** The clicker asked for the details of a generation (shown only to them). */
    record Details(Generation generation) implements ActionOutcome {
    }

    /** Remix: the form to show, prefilled with the generation's prompt and options. */
    record Form(RemixForm form) implements ActionOutcome {
    }
}
