package io.atelier.bot.discord;

import io.atelier.core.provider.ModelDescriptor;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /models}: the models of this server with their cost and limits (ephemeral). */
class ModelsCommand implements DiscordCommand {

    private final DiscordCatalog catalog;
    private final DiscordWork work;

    ModelsCommand(DiscordCatalog catalog, DiscordWork work) {
        this.catalog = catalog;
        this.work = work;
    }

    @Override
    public String name() {
        return "models";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "List the image models");
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            StringBuilder s = new StringBuilder();
            for (ModelDescriptor m : catalog.models()) {
                s.append("**").append(m.id()).append("** — ").append(m.displayName())
                        .append(" · ").append(m.creditCost()).append(" credit(s)/image")
                        .append(" · up to ").append(m.capabilities().maxCount()).append(" per job\n");
            }
            DiscordReplies.show(hook, new EmbedBuilder().setTitle("Models").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Use one with /imagine model:<id> or make it your default with /settings").build());
        });
    }
}
