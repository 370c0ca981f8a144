package io.atelier.bot.discord;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionException;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatRenderer;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.ActorRole;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons under results, failures and moderation posts. Their ids carry only the action and
 * the generation id ({@link ActionId}); the clicker is checked against the database on every click
 * ({@link ChatActions}), so buttons work after restarts and on any instance.
 *
 * <p>Each click is acknowledged at once on JDA's thread: Reroll, Variations and Retry with a new
 * public reply (the new job's pending message), Details and Publish with an ephemeral reply, Delete,
 * Approve and Reject by deferring an edit of the message the button is on. The rest runs on the
 * bot's executor.
 */
class DiscordButtons {

    private static final Logger log = LoggerFactory.getLogger(DiscordButtons.class);

    private final ChatActions actions;
    private final ChatImagine imagine;
    private final GenerationService generations;
    private final GalleryService gallery;
    private final DiscordReplies replies;
    private final DiscordRest rest;
    private final DiscordWork work;
    private final DiscordProperties properties;

    DiscordButtons(ChatActions actions, ChatImagine imagine, GenerationService generations, GalleryService gallery,
                   DiscordReplies replies, DiscordRest rest, DiscordWork work, DiscordProperties properties) {
        this.actions = actions;
        this.imagine = imagine;
        this.generations = generations;
        this.gallery = gallery;
        this.replies = replies;
        this.rest = rest;
        this.work = work;
        this.properties = properties;
    }

    void onButton(ButtonInteractionEvent event) {
        Optional<ActionId> parsed = ActionId.parse(event.getComponentId());
        if (parsed.isEmpty()) {
            event.reply("This button is not one of mine.").setEphemeral(true).queue();
            return;
        }
        ActionId id = parsed.get();
        ChatUser user = DiscordUsers.of(event, properties.moderatorRole());
        switch (id.action()) {
            case REROLL, VARIATIONS, RETRY -> again(event, user, id);
            case DETAILS -> details(event, user, id);
            case DELETE -> delete(event, user, id);
            case PUBLISH -> publish(event, user, id);
            case APPROVE, REJECT -> decide(event, user, id);
        }
    }

    private void again(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferReply().submit();
        InteractionHook hook = event.getHook();
        var target = DiscordDeliveryChannel.interactionTarget(event.getChannelId(), event.getToken(),
                event.getTimeCreated().toInstant(), user.userId());
        work.after(ack, hook, () -> {
            ChatActions.Authorized a;
            try {
                a = actions.authorize(user, id);
            } catch (ChatActionException e) {
                hook.deleteOriginal().queue(null, ignored -> { });
                DiscordReplies.ephemeral(hook, e.getMessage());
                return;
            }
            replies.answer(hook, imagine.again(user, a.generation(), id.action(), target));
        });
    }

    private void details(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferReply(true).submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            try {
                Generation g = actions.authorize(user, id).generation();
                DiscordReplies.show(hook, detailsEmbed(g));
            } catch (ChatActionException e) {
                DiscordReplies.show(hook, DiscordMessages.notice("Not available", e.getMessage()));
            }
        });
    }

    static MessageEmbed detailsEmbed(Generation g) {
        EmbedBuilder e = new EmbedBuilder().setTitle("Details").setColor(DiscordMessages.PENDING_COLOR)
                .setDescription(DiscordMessages.truncate(g.prompt(), 4000));
        if (!g.originalPrompt().equals(g.prompt())) {
            e.addField("Your prompt", DiscordMessages.truncate(g.originalPrompt(), 1024), false);
        }
        if (g.negativePrompt() != null) {
            e.addField("Negative", DiscordMessages.truncate(g.negativePrompt(), 1024), false);
        }
        e.addField("Model", g.model(), true)
                .addField("Size", g.width() + "×" + g.height() + (g.aspectRatio() == null ? "" : " (" + g.aspectRatio() + ")"), true)
                .addField("Seed", String.valueOf(g.seed()), true)
                .addField("Images", String.valueOf(g.count()), true)
                .addField("Template", g.template() == null ? "none" : g.template(), true)
                .addField("Enhanced", g.autoEnhance() ? "yes" : "no", true)
                .addField("Status", g.status().name().toLowerCase(Locale.ROOT), true);
        if (g.processingTimeMs() != null) {
            e.addField("Time", ChatRenderer.seconds(g.processingTimeMs()), true);
        }
        StringBuilder hashes = new StringBuilder();
        for (StoredImage image : g.images()) {
            hashes.append(image.index() + 1).append(": `sha256:").append(image.contentHash()).append("`\n");
        }
        if (!hashes.isEmpty()) {
            e.addField("Provenance (content hashes)", DiscordMessages.truncate(hashes.toString(), 1024), false);
        }
        if (!g.warnings().isEmpty()) {
            e.addField("Notes", DiscordMessages.truncate(String.join("\n", g.warnings()), 1024), false);
        }
        e.setFooter("id " + g.id() + " · created " + g.createdAt());
        return e.build();
    }

    private void delete(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferEdit().submit();
        InteractionHook hook = event.getHook();
        work.after(ack, hook, () -> {
            ChatActions.Authorized a;
            try {
                a = actions.authorize(user, id);
            } catch (ChatActionException e) {
                DiscordReplies.ephemeral(hook, e.getMessage());
                return;
            }
            generations.delete(a.caller(), id.generationId());
            hook.editOriginal(new MessageEditBuilder().setReplace(true)
                    .setContent("Deleted by " + user.displayName() + ".")
                    .setEmbeds(List.of()).setComponents(List.of()).setAttachments(List.of()).build()).queue();
        });
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
            if (pending) {
                postForModeration(a.generation(), user);
            }
        });
    }

    /** Posts a publish request with Approve/Reject to the moderation channel, when one is configured. */
    void postForModeration(Generation g, ChatUser author) {
        String channel = properties.moderationChannel();
        if (channel == null || channel.isBlank()) {
            return;
        }
        try {
            rest.sendToChannel(channel, replies.messages().moderation(g, author.displayName()).toCreate());
        } catch (DiscordCallException e) {
            log.warn("could not post generation {} to the moderation channel {}: {}", g.id(), channel, e.getMessage());
        }
    }

    private void decide(ButtonInteractionEvent event, ChatUser user, ActionId id) {
        CompletableFuture<?> ack = event.deferEdit().submit();
        InteractionHook hook = event.getHook();
        String requestId = "discord:" + event.getId();
        work.after(ack, hook, () -> {
            if (!user.moderator()) {
                DiscordReplies.ephemeral(hook, "Only moderators (the moderator role or Manage Messages) can decide.");
                return;
            }
            Actor moderator = actor(user, ActorRole.MODERATOR);
            try {
                boolean approve = id.action() == ChatAction.APPROVE;
                if (approve) {
                    gallery.approve(id.generationId(), moderator, requestId);
                } else {
                    gallery.reject(id.generationId(), moderator, rejectReason(), "rejected in Discord", requestId);
                }
                hook.editOriginal(new MessageEditBuilder()
                        .setContent((approve ? "Approved" : "Rejected") + " by " + user.displayName() + ".")
                        .setComponents(List.of()).build()).queue();
            } catch (GalleryException e) {
                DiscordReplies.ephemeral(hook, e.getMessage());
            }
        });
    }

    private String rejectReason() {
        List<String> reasons = gallery.rejectReasons();
        return reasons.contains("other") ? "other" : reasons.getFirst();
    }

    static Actor actor(ChatUser user, ActorRole role) {
        return new Actor(user.principal(), user.displayName(), role);
    }
}
