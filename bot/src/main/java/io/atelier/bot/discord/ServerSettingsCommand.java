package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatTenantSettings;
import io.atelier.core.generation.GenerationValidationException;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /server-settings}: this server's own moderators' channel and quotas instead of the global
 * ones ({@link ChatTenantSettings}). Shown to every member; changed only by members with Manage Server
 * (Discord hides the command from others by default, and the permission is checked again here).
 */
class ServerSettingsCommand implements DiscordCommand {

    private final ChatTenantSettings settings;
    private final DiscordWork work;

    ServerSettingsCommand(ChatTenantSettings settings, DiscordWork work) {
        this.settings = settings;
        this.work = work;
    }

    @Override
    public String name() {
        return "server-settings";
    }

    @Override
    public SlashCommandData definition() {
        return Commands.slash(name(), "This server's moderation channel and quotas")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .addOptions(
                        new OptionData(OptionType.CHANNEL, "moderation_channel", "Where publish requests are reviewed"),
                        new OptionData(OptionType.INTEGER, "user_daily", "Images per member per day (0: unlimited)")
                                .setMinValue(0),
                        new OptionData(OptionType.INTEGER, "user_concurrent", "Jobs per member at once (0: unlimited)")
                                .setMinValue(0),
                        new OptionData(OptionType.INTEGER, "server_daily", "Images for the whole server per day (0: unlimited)")
                                .setMinValue(0),
                        new OptionData(OptionType.INTEGER, "server_concurrent", "Jobs for the whole server at once (0: unlimited)")
                                .setMinValue(0));
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        InteractionHook hook = event.getHook();
        if (!event.isFromGuild()) {
            work.after(ack, hook, () -> DiscordReplies.ephemeral(hook, "Server settings exist in servers only."));
            return;
        }
        String tenant = DiscordUsers.tenantOf(event);
        ChatTenantSettings.Settings changes = new ChatTenantSettings.Settings(
                event.getOption("moderation_channel") == null ? null : event.getOption("moderation_channel").getAsChannel().getId(),
                integer(event.getOption("user_concurrent")), integer(event.getOption("user_daily")),
                integer(event.getOption("server_concurrent")), integer(event.getOption("server_daily")));
        boolean changing = !changes.equals(ChatTenantSettings.Settings.NONE);
        boolean allowed = canManageServer(event);
        work.after(ack, hook, () -> {
            if (changing && !allowed) {
                DiscordReplies.ephemeral(hook, "Only members with Manage Server can change this server's settings.");
                return;
            }
            ChatTenantSettings.Settings now;
            try {
                now = changing ? settings.update(ChatPlatform.DISCORD, tenant, changes) : settings.get(ChatPlatform.DISCORD, tenant);
            } catch (GenerationValidationException e) {
                DiscordReplies.show(hook, DiscordMessages.notice("Settings not changed", e.getMessage()));
                return;
            }
            DiscordReplies.show(hook, new EmbedBuilder().setTitle(changing ? "Server settings saved" : "Server settings")
                    .setColor(DiscordMessages.PENDING_COLOR)
                    .addField("Moderation channel", now.moderationChannel() == null ? "global" : "<#" + now.moderationChannel() + ">", true)
                    .addField("Per member", or(now.userConcurrent()) + " at once · " + or(now.userDaily()) + " a day", true)
                    .addField("Whole server", or(now.tenantConcurrent()) + " at once · " + or(now.tenantDaily()) + " a day", true)
                    .build());
        });
    }

    /** Manage Server, guild-wide for a cached guild, else as Discord computed it for the interaction's channel. */
    private static boolean canManageServer(SlashCommandInteractionEvent event) {
        Member member = event.getMember();
        if (member == null) {
            return false;
        }
        try {
            return member.hasPermission(Permission.MANAGE_SERVER);
        } catch (RuntimeException detached) {
            try {
                return member.hasPermission(event.getGuildChannel(), Permission.MANAGE_SERVER);
            } catch (RuntimeException unknown) {
                return false;
            }
        }
    }

    private static Integer integer(OptionMapping option) {
        return option == null ? null : option.getAsInt();
    }

    private static String or(Integer quota) {
        return quota == null ? "global" : quota == 0 ? "unlimited" : quota.toString();
    }
}
