package io.atelier.bot.discord;

import io.atelier.core.prompt.template.PromptTemplate;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /templates}: the style templates usable in this server (ephemeral). */
class TemplatesCommand implements DiscordCommand {

    private final DiscordCatalog catalog;
    private final DiscordWork work;

    TemplatesCommand(DiscordCatalog catalog, DiscordWork work) {
        this.catalog = catalog;
        this.work = work;
    }

    @Override
    public String name() {
        return "templates";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "List the style templates");
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        String tenant = DiscordUsers.tenantOf(event);
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            StringBuilder s = new StringBuilder();
            for (PromptTemplate t : catalog.templates(tenant)) {
                s.append("**").append(t.name()).append("**");
                if (t.description() != null) {
                    s.append(" — ").append(t.description());
                }
                s.append('\n');
            }
            DiscordReplies.show(hook, new EmbedBuilder().setTitle("Templates").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Use one with /imagine template:<name>").build());
        });
    }
}
