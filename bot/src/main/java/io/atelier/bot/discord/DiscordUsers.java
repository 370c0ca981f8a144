package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatUser;
import java.util.HashSet;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.interactions.Interaction;

/** The chat identity of whoever triggered an interaction. No I/O. */
final class DiscordUsers {

    /**
     * The tenant of an interaction: its guild, or {@code dm-<user id>} outside guilds (a user's DMs
     * with the bot are their own tenant, with their own team).
     */
    static String tenantOf(Interaction interaction) {
        return interaction.getGuild() == null ? "dm-" + interaction.getUser().getId() : interaction.getGuild().getId();
    }

    private DiscordUsers() {
    }

    static ChatUser of(Interaction interaction, String moderatorRole) {
        User user = interaction.getUser();
        Member member = interaction.getMember();
        String tenant = tenantOf(interaction);
        Set<String> roles = new HashSet<>();
        boolean moderator = false;
        String name = user.getEffectiveName();
        if (member != null) {
            name = member.getEffectiveName();
            try {
                for (Role role : member.getRoles()) {
                    roles.add(role.getId());
                    roles.add(role.getName());
                }
            } catch (RuntimeException detached) {
                // A guild the bot does not cache (no GUILDS intent data): roles are not known, permissions are.
            }
            moderator = canManageMessages(interaction, member)
                    || moderatorRole != null && !moderatorRole.isBlank() && roles.contains(moderatorRole);
        }
        return new ChatUser(ChatPlatform.DISCORD, tenant, user.getId(), name, roles, moderator);
    }

    /**
     * Manage Messages, guild-wide for a cached guild, else as Discord computed it for the
     * interaction's channel (members of uncached guilds only carry those permissions).
     */
    private static boolean canManageMessages(Interaction interaction, Member member) {
        try {
            return member.hasPermission(Permission.MESSAGE_MANAGE);
        } catch (RuntimeException detached) {
            try {
                return member.hasPermission(interaction.getGuildChannel(), Permission.MESSAGE_MANAGE);
            } catch (RuntimeException unknown) {
                return false;
            }
        }
    }
}
