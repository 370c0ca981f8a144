package io.atelier.bot.discord;

import io.atelier.core.prompt.template.PromptTemplate;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** {@code /templates}: the style templates usable in this server (ephemeral). */
final class TemplatesCommand extends PrivateEmbedCommand {

    private final DiscordCatalog catalog;

    TemplatesCommand(DiscordCatalog catalog, DiscordWork work) {
        super("templates", "List the style templates", work);
        this.catalog = catalog;
    }

    @Override
    Supplier<MessageEmbed> answer(SlashCommandInteractionEvent event) {
        String tenant = DiscordUsers.tenantOf(event);
        return () -> {
            StringBuilder s = new StringBuilder();
            for (PromptTemplate t : catalog.templates(tenant)) {
                s.append("**").append(t.name()).append("**");
                if (t.description() != null) {
                    s.append(" — ").append(t.description());
                }
                s.append('\n');
            }
            return new EmbedBuilder().setTitle("Templates").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Use one with /imagine template:<name>").build();
        };
    }
}
