package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.ImagineOutcome;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/** Shared replies of the handlers (run on the bot's executor, after the defer). */
class DiscordReplies {

    private final DiscordMessages messages;

    DiscordReplies(DiscordMessages messages) {
        this.messages = messages;
    }

    DiscordMessages messages() {
        return messages;
    }

    /**
     * Accepted: the deferred reply shows the pending view at once (the delivery job takes it from
     * there). Refused: the public "thinking…" reply is removed and the reason goes to the user alone.
     */
    void answer(InteractionHook hook, ImagineOutcome outcome) {
        switch (outcome) {
            case ImagineOutcome.Accepted accepted -> hook.editOriginal(messages.render(accepted.view()).toEdit()).queue();
            case ImagineOutcome.Refused refused -> refuse(hook, refused.failure());
        }
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
