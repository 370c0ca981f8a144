package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatDescribe;
import io.atelier.bot.chat.ChatImageRef;
import io.atelier.bot.chat.ChatUser;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /describe image:<attachment>}: four prompts for the image from the configured vision-capable
 * chat model ({@link ChatDescribe}), each with a numbered button that imagines it. Defers a public
 * reply at once; without a chat model, or with an attachment that is not a usable image, the reply
 * is replaced by an ephemeral message saying why (and what to configure). Owns the numbered buttons.
 */
class DescribeCommand implements DiscordCommand, DiscordComponentOwner {

    private final ChatDescribe describe;
    private final DiscordReplies replies;
    private final DiscordWork work;
    private final DiscordJobActions jobActions;
    private final String moderatorRole;

    DescribeCommand(ChatDescribe describe, DiscordReplies replies, DiscordWork work, DiscordJobActions jobActions,
                    String moderatorRole) {
        this.describe = describe;
        this.replies = replies;
        this.work = work;
        this.jobActions = jobActions;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public String name() {
        return "describe";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "Four prompts that would make an image like this one")
                .addOptions(new OptionData(OptionType.ATTACHMENT, ImagineCommand.IMAGE, "The image to describe", true));
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatUser user = DiscordUsers.of(event, moderatorRole);
            Optional<ChatImageRef> image = ImagineCommand.attachment(event, ImagineCommand.IMAGE);
            if (image.isEmpty()) {
                hook.deleteOriginal().queue(null, ignored -> { });
                DiscordReplies.ephemeral(hook, "Attach the image to describe.");
                return;
            }
            switch (describe.describe(user, image.get())) {
                case ChatDescribe.Outcome.Described d ->
                        hook.editOriginal(DiscordMessages.described(d.id(), d.prompts(), image.get().name()).toEdit()).queue();
                case ChatDescribe.Outcome.Refused r -> replies.refuse(hook, r.failure());
            }
        });
    }

    @Override
    public Set<ChatAction> actions() {
        return EnumSet.of(ChatAction.IMAGINE_PROMPT);
    }

    @Override
    public void onButton(ButtonInteractionEvent event, ActionId id) {
        jobActions.onButton(event, id);
    }
}
