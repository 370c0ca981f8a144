package io.atelier.bot.chat;

/**
 * The per-platform half of durable delivery: shows a {@link ChatView} in the message a
 * {@link ChatDelivery} points at. Implemented by each bot (Discord, Slack) as a Spring bean.
 *
 * <p>Contract: called from a job-engine thread or the chat delivery executor, never concurrently
 * for the same delivery within one instance; may block on HTTP (bounded by its own timeouts);
 * edits must be idempotent (the same view may be shown twice after a crash). Map platform errors
 * to outcomes instead of throwing: 5xx/429/network → {@link DeliveryOutcome.Retry} (honouring
 * Retry-After), expired or unknown token / deleted message → {@link DeliveryOutcome.Gone} (or a
 * fallback such as a new channel message, reported as {@link DeliveryOutcome.Delivered} with the
 * new message in its target update). An exception counts as a retriable failure.
 */
public interface ChatDeliveryChannel {

    ChatPlatform platform();

    DeliveryOutcome deliver(ChatDelivery delivery, ChatView view);
}
