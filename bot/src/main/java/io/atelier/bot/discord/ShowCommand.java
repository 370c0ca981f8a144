package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /show id:<id>}: brings a generation of this server back as a new message with its buttons;
 * one still running is tracked by a new delivery like a fresh {@code /imagine}. A record: it only
 * holds its collaborators ({@code moderatorRole} may be null: no role moderates).
 */
record ShowCommand(ChatAccounts accounts, GenerationService generations, ChatRenderer renderer, ChatDeliveries deliveries,
                   DiscordReplies replies, DiscordWork work, String moderatorRole) implements DiscordCommand {

    @Override
    public String name() {
        return "show";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "Show a past image again, with its buttons")
                .addOption(OptionType.STRING, "id", "The generation id (see /jobs)", true);
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply().submit();
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        String id = event.getOption("id") == null ? "" : event.getOption("id").getAsString().strip();
        InteractionHook hook = event.getHook();
        var target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                event.getTimeCreated().toInstant(), user.userId());
        work.after(ack, hook, () -> {
            Caller caller = accounts.callerFor(user);
            Optional<Generation> found = generations.find(caller, id);
            if (found.isEmpty()) {
                hook.deleteOriginal().queue(null, ignored -> { });
                DiscordReplies.ephemeral(hook, "No generation `" + DiscordMessages.truncate(id, 60) + "` in this server.");
                return;
            }
            Generation g = found.get();
            if (g.status().isTerminal()) {
                hook.editOriginal(replies.messages().render(renderer.view(g)).toEdit()).queue();
            } else {
                // Still running: this message gets its own delivery, its only writer.
                replies.deliverNow(deliveries.track(user, g, target));
            }
        });
    }
}
