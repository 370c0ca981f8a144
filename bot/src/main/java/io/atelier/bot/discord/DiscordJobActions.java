package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ActionOutcome;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.RemixForm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * The Discord half of the job buttons (Upscale, Vary, Reroll, Remix, Cancel, Retry, Delete, Details,
 * and a described prompt's Imagine): each click is acknowledged on JDA's thread in the way its answer
 * needs, then {@link ChatActionRunner} runs it on the bot's executor and the outcome is rendered.
 *
 * <ul>
 *   <li>A new job (or an image shown alone): a public deferred reply that becomes the new message,
 *       kept in step by its delivery.</li>
 *   <li>Cancel and Details: an ephemeral reply to the clicker; the canceled message itself changes
 *       through its own delivery.</li>
 *   <li>Delete: an edit of the message the button is on.</li>
 *   <li>Remix: a form (a modal must be the first answer, so it is built here, without I/O, from the
 *       message the button is on: its prompt and option fields); its submit starts the job like a
 *       click.</li>
 * </ul>
 */
class DiscordJobActions {

    /** The Remix form's inputs. */
    static final String PROMPT = "prompt";
    static final String NEGATIVE = "negative";
    static final String RATIO = "aspect_ratio";
    static final String MODEL = "model";
    static final String SEED = "seed";

    private final ChatActionRunner runner;
    private final DiscordReplies replies;
    private final DiscordWork work;
    private final String moderatorRole;

    DiscordJobActions(ChatActionRunner runner, DiscordReplies replies, DiscordWork work, String moderatorRole) {
        this.runner = runner;
        this.replies = replies;
        this.work = work;
        this.moderatorRole = moderatorRole;
    }

    void onButton(ButtonInteractionEvent event, ActionId id) {
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        switch (id.action()) {
            case REMIX -> event.replyModal(remixModal(id.targetId(), event.getMessage())).queue();
            case CANCEL, DETAILS -> privately(event, user, id);
            case DELETE -> delete(event, user, id);
            default -> newMessage(event, user, id);
        }
    }

    /** The Remix form's submit: a new job with the edited prompt and options. */
    void onRemix(ModalInteractionEvent event, ActionId id) {
        ChatUser user = DiscordUsers.of(event, moderatorRole);
        RemixForm form = new RemixForm(id.targetId(), value(event, PROMPT), value(event, NEGATIVE), value(event, RATIO),
                value(event, MODEL), value(event, SEED));
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        DeliveryTarget target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                event.getTimeCreated().toInstant(), user.userId());
        work.after(ack, hook, () -> show(hook, runner.remix(user, id, form, target), false));
    }

    private void newMessage(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        DeliveryTarget target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                event.getTimeCreated().toInstant(), user.userId());
        work.after(ack, hook, () -> show(hook, runner.run(user, id, target), false));
    }

    private void privately(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> show(hook, runner.run(user, id, null), true));
    }

    private void delete(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferEdit().submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ActionOutcome outcome = runner.run(user, id, null);
            if (outcome instanceof ActionOutcome.Refused refused) {
                DiscordReplies.ephemeral(hook, refused.failure().message());
                return;
            }
            hook.editOriginal(new MessageEditBuilder().setReplace(true)
                    .setContent("Deleted by " + user.displayName() + ".").setAllowedMentions(List.of())
                    .setEmbeds(List.of()).setComponents(List.of()).setAttachments(List.of()).build()).queue();
        });
    }

    /**
     * Renders an outcome into the deferred reply: a public one (a new message) is removed on a refusal
     * and the reason goes to the clicker alone; a private one simply says it.
     */
    private void show(InteractionHook hook, ActionOutcome outcome, boolean privateReply) {
        switch (outcome) {
            case ActionOutcome.Posted posted -> replies.deliverNow(posted.deliveryId());
            case ActionOutcome.Refused refused when privateReply ->
                    DiscordReplies.show(hook, DiscordMessages.notice("Not done", refused.failure().message()));
            case ActionOutcome.Refused refused -> replies.refuse(hook, refused.failure());
            case ActionOutcome.Canceled canceled -> DiscordReplies.show(hook, DiscordMessages.notice("Canceled",
                    "The generation was canceled" + (canceled.refunded() > 0 ? " and " + canceled.refunded()
                            + " credit" + (canceled.refunded() == 1 ? " was" : "s were") + " refunded." : ".")));
            case ActionOutcome.Details details -> DiscordReplies.show(hook, DiscordMessages.details(details.generation()));
            case ActionOutcome.Deleted deleted -> DiscordReplies.show(hook, DiscordMessages.notice("Deleted",
                    "Generation " + deleted.generation().id() + " was deleted."));
            case ActionOutcome.Form form -> DiscordReplies.show(hook, DiscordMessages.notice("Remix",
                    "Use the Remix button on the image."));
        }
    }

    /**
     * The Remix form, prefilled from the message the button is on (no I/O: a modal must answer at
     * once): the prompt as the user wrote it ("Your prompt", else the description), the negative
     * prompt, the aspect ratio and the model from the result's fields; the seed blank (new images).
     * The form's id is the button's ({@code atelier:remix:<generation>}); its submit is checked again.
     */
    static Modal remixModal(String generationId, Message message) {
        String prompt = "";
        String negative = "";
        String ratio = "";
        String model = "";
        if (message != null && !message.getEmbeds().isEmpty()) {
            MessageEmbed embed = message.getEmbeds().getFirst();
            prompt = embed.getDescription() == null ? "" : embed.getDescription();
            for (MessageEmbed.Field field : embed.getFields()) {
                String value = field.getValue() == null ? "" : field.getValue();
                switch (String.valueOf(field.getName())) {
                    case DiscordMessages.YOUR_PROMPT -> prompt = value;
                    case DiscordMessages.NEGATIVE -> negative = value;
                    case DiscordMessages.RATIO -> ratio = value;
                    case DiscordMessages.MODEL -> model = value;
                    default -> { }
                }
            }
        }
        return Modal.create(ActionId.encode(ChatAction.REMIX, generationId), "Remix")
                .addComponents(
                        Label.of("Prompt", input(PROMPT, TextInputStyle.PARAGRAPH, prompt, true, RemixForm.MAX_PROMPT)),
                        Label.of("Negative prompt", input(NEGATIVE, TextInputStyle.SHORT, negative, false, 1000)),
                        Label.of("Aspect ratio", input(RATIO, TextInputStyle.SHORT, ratio, false, 16)),
                        Label.of("Model", input(MODEL, TextInputStyle.SHORT, model, false, 200)),
                        Label.of("Seed (blank: new images)", input(SEED, TextInputStyle.SHORT, "", false, 20)))
                .build();
    }

    private static TextInput input(String id, TextInputStyle style, String value, boolean required, int max) {
        TextInput.Builder b = TextInput.create(id, style).setRequired(required).setMaxLength(max);
        String prefill = value == null ? "" : value.length() > max ? value.substring(0, max) : value;
        if (!prefill.isBlank()) {
            b.setValue(prefill);
        }
        return b.build();
    }

    private static String value(ModalInteractionEvent event, String id) {
        ModalMapping m = event.getValue(id);
        return m == null ? null : m.getAsString();
    }
}
