package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatJobs;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.generation.Generation;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** {@code /jobs}: your recent generations in this server, with their ids for {@code /show} (ephemeral). */
final class JobsCommand extends PrivateEmbedCommand {

    static final int SHOWN = 10;

    private final ChatJobs jobs;
    private final String moderatorRole;

    JobsCommand(ChatJobs jobs, DiscordWork work, String moderatorRole) {
        super("jobs", "Your recent images", work);
        this.jobs = jobs;
        this.moderatorRole = moderatorRole;
    }

    @Override
    Supplier<MessageEmbed> answer(SlashCommandInteractionEvent event) {
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        return () -> {
            List<Generation> recent = jobs.recent(user, SHOWN);
            StringBuilder s = new StringBuilder();
            for (Generation g : recent) {
                s.append('`').append(g.id()).append("` ").append(g.status().name().toLowerCase(Locale.ROOT))
                        .append(" · ").append(DiscordMessages.truncate(g.asked().originalPrompt(), 80))
                        .append(" · <t:").append(g.timing().createdAt().getEpochSecond()).append(":R>\n");
            }
            return new EmbedBuilder().setTitle("Your recent jobs").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(recent.isEmpty() ? "None yet: try /imagine." : DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Bring one back with /show id:<id>").build();
        };
    }
}
