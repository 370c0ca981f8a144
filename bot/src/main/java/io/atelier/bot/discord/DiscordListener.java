package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JDA's events to the commands and buttons, and registers the commands once connected:
 * globally, or in each configured guild (instant, for development servers). Runs on JDA's event
 * thread: every handler returns after queueing its acknowledgement.
 */
class DiscordListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);

    private final DiscordCommands commands;
    private final DiscordMentions mentions;
    private final List<String> guilds;

    DiscordListener(DiscordCommands commands, DiscordMentions mentions, List<String> guilds) {
        this.commands = commands;
        this.mentions = mentions;
        this.guilds = guilds;
    }

    @Override
    public void onReady(ReadyEvent event) {
        if (guilds.isEmpty()) {
            event.getJDA().updateCommands().addCommands(commands.definitions()).queue(
                    ok -> log.info("Discord commands registered globally: {}", commands.names()),
                    e -> log.warn("Discord command registration failed: {}", e.getMessage()));
        }
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        if (guilds.contains(event.getGuild().getId())) {
            event.getGuild().updateCommands().addCommands(commands.definitions()).queue(
                    ok -> log.info("Discord commands registered in guild {}: {}", event.getGuild().getId(), commands.names()),
                    e -> log.warn("Discord command registration in guild {} failed: {}", event.getGuild().getId(), e.getMessage()));
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        commands.find(event.getName()).ifPresentOrElse(c -> c.onCommand(event),
                () -> event.reply("Unknown command.").setEphemeral(true).queue());
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        commands.find(event.getName()).ifPresentOrElse(c -> c.onAutocomplete(event), () -> event.replyChoices().queue());
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        mentions.onMessage(event);
    }

    /** A button: to the owner of the action its custom id names ({@link DiscordCommands#owner}). */
    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Optional<ActionId> id = ActionId.parse(event.getComponentId());
        Optional<DiscordComponentOwner> owner = id.flatMap(a -> commands.owner(a.action()));
        if (owner.isEmpty()) {
            event.reply("This button is not one of mine.").setEphemeral(true).queue();
            return;
        }
        owner.get().onButton(event, id.get());
    }

    /** A form's submit (Remix, the moderation channel's Reject): routed like a button by its id. */
    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Optional<ActionId> id = ActionId.parse(event.getModalId());
        Optional<DiscordComponentOwner> owner = id.flatMap(a -> commands.owner(a.action()));
        if (owner.isEmpty()) {
            event.reply("This form is not one of mine.").setEphemeral(true).queue();
            return;
        }
        owner.get().onModal(event, id.get());
    }
}
