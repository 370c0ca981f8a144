package io.atelier.bot.discord;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * A slash command without options that answers its caller alone with one embed ({@code /jobs},
 * {@code /quota}, {@code /models}, {@code /templates}): deferred at once as ephemeral, the embed built on
 * {@link DiscordWork}'s executor.
 */
abstract class PrivateEmbedCommand implements DiscordCommand {

    private final String name;
    private final String description;
    private final DiscordWork work;

    PrivateEmbedCommand(String name, String description, DiscordWork work) {
        this.name = name;
        this.description = description;
        this.work = work;
    }

    /**
     * Reads what the answer needs from the event (on JDA's event thread, so no slow work here) and
     * returns how to build it; the builder runs on the bot's executor.
     */
    abstract Supplier<MessageEmbed> answer(SlashCommandInteractionEvent event);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SlashCommandData definition() {
        return Commands.slash(name, description);
    }

    @Override
    public final void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        Supplier<MessageEmbed> embed = answer(event);
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> DiscordReplies.show(hook, embed.get()));
    }
}
