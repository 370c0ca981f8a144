package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatUser;
import java.util.function.Supplier;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** {@code /quota}: what you and this server have used of today's limits (ephemeral). */
final class QuotaCommand extends PrivateEmbedCommand {

    private final ChatQuotas quotas;
    private final String moderatorRole;

    QuotaCommand(ChatQuotas quotas, DiscordWork work, String moderatorRole) {
        super("quota", "Your limits and what you have used today", work);
        this.quotas = quotas;
        this.moderatorRole = moderatorRole;
    }

    @Override
    Supplier<MessageEmbed> answer(SlashCommandInteractionEvent event) {
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        return () -> {
            ChatQuotas.Usage u = quotas.usage(user);
            ChatQuotas.Limits l = u.limits();
            return new EmbedBuilder().setTitle("Your quota").setColor(DiscordMessages.PENDING_COLOR)
                    .addField("Today", u.userToday() + " / " + limit(l.userDaily()), true)
                    .addField("Running", u.userRunning() + " / " + limit(l.userConcurrent()), true)
                    .addField("Server today", u.tenantToday() + " / " + limit(l.tenantDaily()), true)
                    .addField("Server running", u.tenantRunning() + " / " + limit(l.tenantConcurrent()), true)
                    .addField("Resets", "<t:" + u.dayEndsAt().getEpochSecond() + ":R>", true)
                    .build();
        };
    }

    private static String limit(int l) {
        return l == 0 ? "unlimited" : String.valueOf(l);
    }
}
