package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatDeliveryRunner;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.ImagineOutcome;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** Shared replies of the handlers (run on the bot's executor, after the defer). */
class DiscordReplies {

    private final DiscordMessages messages;
    private final ChatDeliveryRunner deliveries;

    DiscordReplies(DiscordMessages messages, ChatDeliveryRunner deliveries) {
        this.messages = messages;
        this.deliveries = deliveries;
    }

    DiscordMessages messages() {
        return messages;
    }

    /**
     * Accepted: the message's delivery runs once now, so the pending view shows at once; the
     * delivery job takes it from there. The delivery is the message's only writer (runs of one
     * delivery are serialized and remember what they showed), so a fast result is never
     * overwritten by a late "queued". Refused: the public "thinking…" reply is removed and the
     * reason goes to the user alone.
     */
    void answer(InteractionHook hook, ImagineOutcome outcome) {
        switch (outcome) {
            case ImagineOutcome.Accepted accepted -> deliveries.run(accepted.deliveryId());
            case ImagineOutcome.Refused refused -> refuse(hook, refused.failure());
        }
    }

    /** Runs a delivery once now (see {@link #answer}). */
    void deliverNow(String deliveryId) {
        deliveries.run(deliveryId);
    }

    void refuse(InteractionHook hook, ChatView.Failure failure) {
        hook.deleteOriginal().queue(null, ignored -> { });
        hook.sendMessage(messages.failure(failure).toCreate()).setEphemeral(true).queue();
    }

    /** A short ephemeral follow-up. */
    static void ephemeral(InteractionHook hook, String text) {
        hook.sendMessage(new MessageCreateBuilder().setContent(text).build()).setEphemeral(true).queue();
    }

    /** Replaces the (ephemeral) deferred reply with one embed. */
    static void show(InteractionHook hook, MessageEmbed embed) {
        hook.editOriginalEmbeds(embed).queue();
    }
}
