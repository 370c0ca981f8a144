package io.atelier.bot.discord;

import io.atelier.core.provider.ModelDescriptor;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** {@code /models}: the models of this server with their cost and limits (ephemeral). */
final class ModelsCommand extends PrivateEmbedCommand {

    private final DiscordCatalog catalog;

    ModelsCommand(DiscordCatalog catalog, DiscordWork work) {
        super("models", "List the image models", work);
        this.catalog = catalog;
    }

    @Override
    Supplier<MessageEmbed> answer(SlashCommandInteractionEvent event) {
        return () -> {
            StringBuilder s = new StringBuilder();
            for (ModelDescriptor m : catalog.models()) {
                s.append("**").append(m.id()).append("** — ").append(m.displayName())
                        .append(" · ").append(m.creditCost()).append(" credit(s)/image")
                        .append(" · up to ").append(m.capabilities().maxCount()).append(" per job\n");
            }
            return new EmbedBuilder().setTitle("Models").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Use one with /imagine model:<id> or make it your default with /settings").build();
        };
    }
}
