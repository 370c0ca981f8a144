package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatBlend;
import io.atelier.bot.chat.ChatImageRef;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ImagineOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /blend image1 image2 [image3 image4 image5] [prompt] [aspect_ratio] [model]}: two to five
 * images into one ({@link ChatBlend}) through a model that takes that many reference images. Defers a
 * public reply at once that becomes the pending message; a refusal (one image, a model that takes too
 * few, an attachment that is not a usable image) goes to the user alone, uncharged. Its results carry
 * {@code /imagine}'s job buttons.
 */
class BlendCommand implements DiscordCommand {

    private final ChatBlend blend;
    private final DiscordReplies replies;
    private final DiscordCatalog catalog;
    private final DiscordWork work;
    private final String moderatorRole;

    BlendCommand(ChatBlend blend, DiscordReplies replies, DiscordCatalog catalog, DiscordWork work, String moderatorRole) {
        this.blend = blend;
        this.replies = replies;
        this.catalog = catalog;
        this.work = work;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public String name() {
        return "blend";
    }

    @Override
    public SlashCommandData definition() {
        OptionData ratio = new OptionData(OptionType.STRING, "aspect_ratio", "Aspect ratio");
        DiscordCatalog.ASPECT_RATIOS.forEach(r -> ratio.addChoice(r, r));
        SlashCommandData command = Commands.slash(name(), "Blend two to five images into one");
        for (int i = 1; i <= ChatBlend.MAX_IMAGES; i++) {
            command.addOptions(new OptionData(OptionType.ATTACHMENT, "image" + i, "Image " + i, i <= 1));
        }
        return command.addOptions(
                new OptionData(OptionType.STRING, "prompt", "What the blend should be (optional)").setMaxLength(4000),
                ratio,
                new OptionData(OptionType.STRING, "model", "A model that takes several reference images").setAutoComplete(true));
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatUser user = DiscordUsers.of(event, moderatorRole);
            List<ChatImageRef> images = new ArrayList<>();
            for (int i = 1; i <= ChatBlend.MAX_IMAGES; i++) {
                ImagineCommand.attachment(event, "image" + i).ifPresent(images::add);
            }
            ImagineOptions options = new ImagineOptions(ImagineCommand.string(event, "prompt"),
                    ImagineCommand.string(event, "aspect_ratio"), null, null, null, null, ImagineCommand.string(event, "model"),
                    null, null);
            var target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                    event.getTimeCreated().toInstant(), user.userId());
            replies.answer(hook, blend.blend(user, options, images, target));
        });
    }

    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue();
        work.run(() -> event.replyChoices("model".equals(event.getFocusedOption().getName())
                ? catalog.modelChoices(typed) : List.of()).queue());
    }
}
