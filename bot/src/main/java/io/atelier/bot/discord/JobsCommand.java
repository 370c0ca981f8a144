package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatJobs;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.generation.Generation;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /jobs}: your recent generations in this server, with their ids for {@code /show} (ephemeral). */
class JobsCommand implements DiscordCommand {

    static final int SHOWN = 10;

    private final ChatJobs jobs;
    private final DiscordWork work;
    private final String moderatorRole;

    JobsCommand(ChatJobs jobs, DiscordWork work, String moderatorRole) {
        this.jobs = jobs;
        this.work = work;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "Your recent images");
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            List<Generation> recent = jobs.recent(user, SHOWN);
            StringBuilder s = new StringBuilder();
            for (Generation g : recent) {
                s.append('`').append(g.id()).append("` ").append(g.status().name().toLowerCase(Locale.ROOT))
                        .append(" · ").append(DiscordMessages.truncate(g.originalPrompt(), 80))
                        .append(" · <t:").append(g.createdAt().getEpochSecond()).append(":R>\n");
            }
            DiscordReplies.show(hook, new EmbedBuilder().setTitle("Your recent jobs").setColor(DiscordMessages.PENDING_COLOR)
                    .setDescription(recent.isEmpty() ? "None yet: try /imagine." : DiscordMessages.truncate(s.toString(), 4000))
                    .setFooter("Bring one back with /show id:<id>").build());
        });
    }
}
