package io.atelier.bot.discord;

import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * One slash command. Threading: {@link #onCommand} and {@link #onAutocomplete} run on JDA's event
 * thread; a command acknowledges (defers) at once and hands everything slow to {@link DiscordWork}.
 */
interface DiscordCommand {

    String name();

    /** The command as registered with Discord. */
    SlashCommandData definition();

    void onCommand(SlashCommandInteractionEvent event);

    /** Autocomplete for the focused option (answered from memory or one indexed query). */
    default void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        event.replyChoices().queue();
    }
}
