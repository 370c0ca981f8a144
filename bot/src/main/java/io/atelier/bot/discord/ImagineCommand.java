package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatImageRef;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * {@code /imagine prompt:<text>} with aspect_ratio, template, enhance, count, negative, model, seed,
 * public, an {@code image} attachment to start from and up to four {@code reference} attachments;
 * inline flags ({@code --ar 16:9}) work in the prompt too. Defers a public reply at once; the reply
 * becomes the pending message the delivery job keeps in step. A refusal (quota, blocked prompt,
 * cooldown, bad option, an attachment that is not a usable image) replaces it with an ephemeral
 * message, and nothing is charged.
 *
 * <p>Owns the job buttons of the messages it leads to ({@link DiscordJobActions}): Upscale, Vary,
 * Reroll, Remix (and its form), Cancel, Retry, Delete, Details.
 */
class ImagineCommand implements DiscordCommand, DiscordComponentOwner {

    static final String IMAGE = "image";
    static final String REFERENCE = "reference";

    private final ChatImagine imagine;
    private final DiscordReplies replies;
    private final DiscordCatalog catalog;
    private final DiscordWork work;
    private final DiscordJobActions jobActions;
    private final String moderatorRole;

    ImagineCommand(ChatImagine imagine, DiscordReplies replies, DiscordCatalog catalog, DiscordWork work,
                   DiscordJobActions jobActions, String moderatorRole) {
        this.imagine = imagine;
        this.replies = replies;
        this.catalog = catalog;
        this.work = work;
        this.jobActions = jobActions;
        this.moderatorRole = moderatorRole;
    }

    @Override
    public Set<ChatAction> actions() {
        return EnumSet.of(ChatAction.REROLL, ChatAction.VARIATIONS, ChatAction.UPSCALE, ChatAction.VARY_SUBTLE,
                ChatAction.VARY_STRONG, ChatAction.REMIX, ChatAction.CANCEL, ChatAction.RETRY, ChatAction.DELETE,
                ChatAction.DETAILS);
    }

    @Override
    public void onButton(ButtonInteractionEvent event, ActionId id) {
        jobActions.onButton(event, id);
    }

    @Override
    public void onModal(ModalInteractionEvent event, ActionId id) {
        if (id.action() == ChatAction.REMIX) {
            jobActions.onRemix(event, id);
        } else {
            DiscordComponentOwner.super.onModal(event, id);
        }
    }

    @Override
    public String name() {
        return "imagine";
    }

    @Override
    public SlashCommandData definition() {
        OptionData ratio = new OptionData(OptionType.STRING, "aspect_ratio", "Aspect ratio");
        DiscordCatalog.ASPECT_RATIOS.forEach(r -> ratio.addChoice(r, r));
        return Commands.slash(name(), "Create an image from a prompt").addOptions(
                new OptionData(OptionType.STRING, "prompt", "What to draw (inline flags like --ar 16:9 --no text work too)", true)
                        .setMaxLength(4000),
                ratio,
                new OptionData(OptionType.STRING, "template", "Style template").setAutoComplete(true),
                new OptionData(OptionType.BOOLEAN, "enhance", "Enhance the prompt"),
                new OptionData(OptionType.INTEGER, "count", "How many images (1-4)").setRequiredRange(1, ImagineOptions.MAX_COUNT),
                new OptionData(OptionType.STRING, "negative", "What to avoid"),
                new OptionData(OptionType.STRING, "model", "Model").setAutoComplete(true),
                new OptionData(OptionType.INTEGER, "seed", "Seed, for repeatable results").setRequiredRange(0, 9_007_199_254_740_991L),
                new OptionData(OptionType.BOOLEAN, "public", "Submit to the public gallery (reviewed)"),
                new OptionData(OptionType.ATTACHMENT, IMAGE, "An image to start from (image-to-image)"),
                new OptionData(OptionType.ATTACHMENT, REFERENCE + "1", "A reference image to take inspiration from"),
                new OptionData(OptionType.ATTACHMENT, REFERENCE + "2", "Another reference image"),
                new OptionData(OptionType.ATTACHMENT, REFERENCE + "3", "Another reference image"),
                new OptionData(OptionType.ATTACHMENT, REFERENCE + "4", "Another reference image"));
    }

    @Override
    public void onCommand(SlashCommandInteractionEvent event) {
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        // Reading the user and the options happens on the bot's thread too: JDA's gateway thread
        // handles a burst's interactions one after another, and each one's acknowledgement waits
        // for everything done here for the ones before it.
        work.after(ack, hook, () -> {
            ChatUser user = DiscordUsers.of(event, moderatorRole);
            ImagineOptions options = options(event);
            var target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                    event.getTimeCreated().toInstant(), user.userId());
            ImagineOutcome outcome = imagine.submit(user, options, target);
            replies.answer(hook, outcome);
        });
    }

    static ImagineOptions options(SlashCommandInteractionEvent e) {
        List<ChatImageRef> references = new ArrayList<>();
        for (int i = 1; i <= ImagineOptions.MAX_REFERENCES; i++) {
            attachment(e, REFERENCE + i).ifPresent(references::add);
        }
        return new ImagineOptions(string(e, "prompt"), string(e, "aspect_ratio"), string(e, "template"), bool(e, "enhance"),
                e.getOption("count") == null ? null : e.getOption("count").getAsInt(), string(e, "negative"),
                string(e, "model"), e.getOption("seed") == null ? null : e.getOption("seed").getAsLong(), bool(e, "public"),
                attachment(e, IMAGE).orElse(null), references);
    }

    /**
     * An attachment option as the chat layer fetches it: Discord's CDN URL (signed, no credentials
     * needed) and what Discord says of the file (type, size, pixels), which refuses early.
     */
    static Optional<ChatImageRef> attachment(SlashCommandInteractionEvent e, String name) {
        OptionMapping o = e.getOption(name);
        if (o == null || o.getType() != OptionType.ATTACHMENT) {
            return Optional.empty();
        }
        Message.Attachment a = o.getAsAttachment();
        return Optional.of(new ChatImageRef(a.getUrl(), a.getFileName(), a.getContentType(), a.getSize(), a.getWidth(),
                a.getHeight(), Map.of()));
    }

    static String string(SlashCommandInteractionEvent e, String name) {
        OptionMapping o = e.getOption(name);
        return o == null ? null : o.getAsString();
    }

    static Boolean bool(SlashCommandInteractionEvent e, String name) {
        OptionMapping o = e.getOption(name);
        return o == null ? null : o.getAsBoolean();
    }

    @Override
    public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
        String focused = event.getFocusedOption().getName();
        String typed = event.getFocusedOption().getValue();
        String tenant = DiscordUsers.tenantOf(event);
        // The template list reads the guild's team (a query): off JDA's thread like everything slow.
        work.run(() -> {
            switch (focused) {
                case "model" -> event.replyChoices(catalog.modelChoices(typed)).queue();
                case "template" -> event.replyChoices(catalog.templateChoices(tenant, typed)).queue();
                default -> event.replyChoices().queue();
            }
        });
    }
}
