package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionException;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.ActorRole;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.selections.SelectMenu;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing buttons: Publish under results, Approve and Reject on moderation posts. Their ids
 * carry only the action and the generation id ({@link ActionId}); the clicker is checked against the
 * database on every click ({@link ChatActions}), so buttons work after restarts and on any instance.
 * (The job buttons under results belong to {@code /imagine}: {@link ImagineCommand}.)
 *
 * <p>Each click is acknowledged at once on JDA's thread: Publish with an ephemeral reply, Approve by
 * deferring an edit of the message the button is on, Reject by opening the reject form (a modal),
 * whose submit is acknowledged the same way ({@link #onModal}). The rest runs on the bot's executor.
 */
class DiscordButtons implements DiscordComponentOwner {

    private static final Logger log = LoggerFactory.getLogger(DiscordButtons.class);

    static final String NOT_A_MODERATOR = "Only moderators (the moderator role or Manage Messages) can decide.";
    /** The reject form's inputs. */
    static final String REJECT_REASON = "reason";
    static final String REJECT_CATEGORY = "category";
    static final int MAX_REJECT_TEXT = 1000;

    private final ChatActions actions;
    private final GalleryService gallery;
    private final DiscordReplies replies;
    private final DiscordRest rest;
    private final DiscordWork work;
    private final DiscordProperties properties;

    DiscordButtons(ChatActions actions, GalleryService gallery, DiscordReplies replies, DiscordRest rest, DiscordWork work,
                   DiscordProperties properties) {
        this.actions = actions;
        this.gallery = gallery;
        this.replies = replies;
        this.rest = rest;
        this.work = work;
        this.properties = properties;
    }

    @Override
    public Set<ChatAction> actions() {
        return EnumSet.of(ChatAction.PUBLISH, ChatAction.APPROVE, ChatAction.REJECT);
    }

    @Override
    public void onButton(ButtonInteractionEvent event, ActionId id) {
        ChatUser user = DiscordUsers.of(event, properties.moderatorRole());
        switch (id.action()) {
            case PUBLISH -> publish(event, user, id);
            case APPROVE -> approve(event, user, id);
            case REJECT -> askRejectReason(event, user, id);
            default -> event.reply("This button is not one of mine.").setEphemeral(true).queue();
        }
    }

    private void publish(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatActions.Authorized a;
            try {
                a = actions.authorize(user, id);
            } catch (ChatActionException e) {
                DiscordReplies.show(hook, DiscordMessages.notice("Not published", e.getMessage()));
                return;
            }
            GalleryEntry entry;
            try {
                entry = gallery.publish(a.caller(), id.generationId(), actor(user, a.owner() ? ActorRole.OWNER : ActorRole.MODERATOR));
            } catch (GalleryException e) {
                DiscordReplies.show(hook, DiscordMessages.notice("Not published", e.getMessage()));
                return;
            }
            boolean pending = entry.status() == GalleryStatus.PENDING_REVIEW;
            DiscordReplies.show(hook, DiscordMessages.notice(pending ? "Submitted for review" : "Published",
                    pending ? "A moderator will review it before it appears in the public gallery."
                            : "It is in the public gallery."));
            // A pending entry reaches the moderation channel through the chat-moderation job (the gallery's
            // change event makes it due now), like every other way into review.
        });
    }

    private void approve(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferEdit().submit();
        InteractionHook hook = event.getHook();
        String requestId = "discord:" + event.getId();
        work.after(ack, hook, () -> {
            if (!user.moderator()) {
                DiscordReplies.ephemeral(hook, NOT_A_MODERATOR);
                return;
            }
            try {
                gallery.approve(id.generationId(), actor(user, ActorRole.MODERATOR), requestId);
                hook.editOriginal(new MessageEditBuilder().setContent("Approved by " + user.displayName() + ".")
                        .setComponents(List.of()).build()).queue();
            } catch (GalleryException e) {
                DiscordReplies.ephemeral(hook, e.getMessage());
            }
        });
    }

    /**
     * Reject opens the reject form instead of deciding at once: a modal must be the interaction's
     * first answer, so it is sent here, on JDA's thread, without deferring. Only moderators get it;
     * the check reads the interaction's member and permissions (no I/O). The gallery's reasons are
     * configuration (no I/O either).
     */
    private void askRejectReason(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        if (!user.moderator()) {
            event.reply(NOT_A_MODERATOR).setEphemeral(true).queue();
            return;
        }
        event.replyModal(rejectModal(id.generationId(), gallery.rejectReasons())).queue();
    }

    /**
     * The reject form: the gallery's standard reasons as a required single choice (when the gallery
     * defines any; Discord shows at most 25), and a required short text, the moderator's own
     * words, recorded as the rejection's note in the audit log. The modal's id is the Reject
     * button's id ({@link ActionId}: action and generation id only), so its submit is parsed and
     * checked like a button click.
     */
    static Modal rejectModal(String generationId, List<String> reasons) {
        Modal.Builder modal = Modal.create(ActionId.encode(ChatAction.REJECT, generationId), "Reject publish request");
        List<String> offered = reasons.stream().limit(SelectMenu.OPTIONS_MAX_AMOUNT).toList();
        if (!offered.isEmpty()) {
            StringSelectMenu.Builder select = StringSelectMenu.create(REJECT_CATEGORY).setRequired(true)
                    .setPlaceholder("The closest standard reason");
            offered.forEach(r -> select.addOption(r, r));
            modal.addComponents(Label.of("Category", select.build()));
        }
        modal.addComponents(Label.of("Reason", TextInput.create(REJECT_REASON, TextInputStyle.SHORT).setRequired(true)
                .setMaxLength(MAX_REJECT_TEXT).setPlaceholder("Why, in a few words (kept in the audit log)").build()));
        return modal.build();
    }

    /**
     * The reject form's submit. A new interaction: its id is parsed and the submitter checked again
     * (anyone can send any custom id). A non-moderator is answered at once; a moderator's submit is
     * acknowledged by deferring an edit of the moderation post, and the gallery call runs on the
     * bot's executor. The rejection is recorded with the chosen standard reason and the typed text
     * as its note; the gallery validates both.
     */
    @Override
    public void onModal(ModalInteractionEvent event, ActionId id) {
        if (id.action() != ChatAction.REJECT) {
            event.reply("This form is not one of mine.").setEphemeral(true).queue();
            return;
        }
        ChatUser user = DiscordUsers.of(event, properties.moderatorRole());
        if (!user.moderator()) {
            event.reply(NOT_A_MODERATOR).setEphemeral(true).queue();
            return;
        }
        ModalMapping text = event.getValue(REJECT_REASON);
        ModalMapping category = event.getValue(REJECT_CATEGORY);
        String note = text == null ? null : text.getAsString().strip();
        String reason = category == null || category.getAsStringList().isEmpty() ? null : category.getAsStringList().getFirst();
        if (note == null || note.isEmpty()) {
            event.reply("Say why you reject it: the reason is required.").setEphemeral(true).queue();
            return;
        }
        CompletableFuture<?> ack = event.deferEdit().submit();
        InteractionHook hook = event.getHook();
        String requestId = "discord:" + event.getId();
        work.after(ack, hook, () -> {
            try {
                gallery.reject(id.generationId(), actor(user, ActorRole.MODERATOR), reason, note, requestId);
            } catch (GalleryException e) {
                DiscordReplies.ephemeral(hook, e.getMessage());
                return;
            }
            // The typed text is shown back without pinging anyone it names.
            hook.editOriginal(new MessageEditBuilder()
                    .setContent(DiscordMessages.truncate("Rejected by " + user.displayName() + " (" + reason + "): " + note, 2000))
                    .setAllowedMentions(List.of()).setComponents(List.of()).build()).queue();
        });
    }

    static Actor actor(ChatUser user, ActorRole role) {
        return new Actor(user.principal(), user.displayName(), role);
    }
}
