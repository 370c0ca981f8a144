package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatUser;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** {@code /quota}: what you and this server have used of today's limits (ephemeral). */
class QuotaCommand implements DiscordCommand {

    private final ChatQuotas quotas;
    private final DiscordWork work;
    private final String moderatorRole;

    QuotaCommand(ChatQuotas quotas, DiscordWork work, String moderatorRole) {
        this.quotas = quotas;
        this.work = work;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "Your limits and what you have used today");
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatQuotas.Usage u = quotas.usage(user);
            ChatQuotas.Limits l = u.limits();
            DiscordReplies.show(hook, new EmbedBuilder().setTitle("Your quota").setColor(DiscordMessages.PENDING_COLOR)
                    .addField("Today", u.userToday() + " / " + limit(l.userDaily()), true)
                    .addField("Running", u.userRunning() + " / " + limit(l.userConcurrent()), true)
                    .addField("Server today", u.tenantToday() + " / " + limit(l.tenantDaily()), true)
                    .addField("Server running", u.tenantRunning() + " / " + limit(l.tenantConcurrent()), true)
                    .addField("Resets", "<t:" + u.dayEndsAt().getEpochSecond() + ":R>", true)
                    .build());
        });
    }

    private static String limit(int l) {
        return l == 0 ? "unlimited" : String.valueOf(l);
    }
}
