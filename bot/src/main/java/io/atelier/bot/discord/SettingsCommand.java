package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatSettings;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.generation.GenerationValidationException;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /settings}: shows your defaults; with options, changes them (model, aspect_ratio, template,
 * enhance; {@code reset:true} clears them). Ephemeral.
 */
class SettingsCommand implements DiscordCommand {

    private final ChatSettingsStore settings;
    private final DiscordCatalog catalog;
    private final DiscordWork work;
    private final String moderatorRole;

    SettingsCommand(ChatSettingsStore settings, DiscordCatalog catalog, DiscordWork work, String moderatorRole) {
        this.settings = settings;
        this.catalog = catalog;
        this.work = work;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public SlashCommandData definition() {
        OptionData ratio = new OptionData(OptionType.STRING, "aspect_ratio", "Default aspect ratio");
        DiscordCatalog.ASPECT_RATIOS.forEach(r -> ratio.addChoice(r, r));
        return Commands.slash(name(), "Your /imagine defaults").addOptions(
                new OptionData(OptionType.STRING, "model", "Default model").setAutoComplete(true),
                ratio,
                new OptionData(OptionType.STRING, "template", "Default template").setAutoComplete(true),
                new OptionData(OptionType.BOOLEAN, "enhance", "Enhance prompts by default"),
                new OptionData(OptionType.BOOLEAN, "reset", "Clear all your defaults"));
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        boolean reset = Boolean.TRUE.equals(ImagineCommand.bool(event, "reset"));
        ChatSettings changes = reset ? new ChatSettings("", "", "", null)
                : new ChatSettings(ImagineCommand.string(event, "model"), ImagineCommand.string(event, "aspect_ratio"),
                ImagineCommand.string(event, "template"), ImagineCommand.bool(event, "enhance"));
        boolean changing = reset || !changes.equals(ChatSettings.NONE);
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatSettings now;
            try {
                now = changing ? settings.update(user, changes) : settings.get(user);
            } catch (GenerationValidationException e) {
                DiscordReplies.show(hook, DiscordMessages.notice("Settings not changed", e.getMessage()));
                return;
            }
            DiscordReplies.show(hook, new EmbedBuilder().setTitle(changing ? "Settings saved" : "Your settings")
                    .setColor(DiscordMessages.PENDING_COLOR)
                    .addField("Model", or(now.model()), true)
                    .addField("Aspect ratio", or(now.aspectRatio()), true)
                    .addField("Template", or(now.template()), true)
                    .addField("Enhance", now.enhance() == null ? "default" : now.enhance() ? "on" : "off", true)
                    .build());
        });
    }

    private static String or(String s) {
        return s == null ? "default" : s;
    }

    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        String tenant = DiscordUsers.tenantOf(event);
        String typed = event.getFocusedOption().getValue();
        String focused = event.getFocusedOption().getName();
        work.run(() -> {
            switch (focused) {
                case "model" -> event.replyChoices(catalog.modelChoices(typed)).queue();
                case "template" -> event.replyChoices(catalog.templateChoices(tenant, typed)).queue();
                default -> event.replyChoices().queue();
            }
        });
    }
}
