package io.atelier.bot.slack;

import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatActionException;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatUser;
import io.atelier.core.gallery.Actor;
import io.atelier.core.gallery.ActorRole;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryException;
import io.atelier.core.gallery.GalleryService;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.prompt.PromptBlockedException;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.util.List;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing from Slack and the moderators' channel: Publish asks the {@link GalleryService} for
 * review; a pending request is posted to {@code atelier.slack.moderation-channel} (image uploaded
 * into its thread) with Approve and a "Reject with reason" menu, usable only by members of
 * {@code atelier.slack.moderator-group}. Every decision goes through the gallery service, which
 * writes the audit log with the Slack actor ({@code slack:<workspace>:<user>}) and the Slack
 * trigger id as request id.
 */
class SlackModeration {

    private static final Logger log = LoggerFactory.getLogger(SlackModeration.class);

    private final SlackWebApi slack;
    private final SlackProperties properties;
    private final GalleryService gallery;
    private final GenerationService generations;

    SlackModeration(SlackWebApi slack, SlackProperties properties, GalleryService gallery, GenerationService generations) {
        this.slack = slack;
        this.properties = properties;
        this.gallery = gallery;
        this.generations = generations;
    }

    /** The Publish button, already authorized as the owner or a moderator. */
    void publish(ChatUser user, ChatActions.Authorized authorized, SlackAction click) {
        Actor actor = new Actor(user.principal(), user.displayName(), authorized.owner() ? ActorRole.OWNER : ActorRole.MODERATOR);
        GalleryEntry entry;
        try {
            entry = gallery.publish(authorized.caller(), authorized.generation().id(), actor, requestId(click));
        } catch (GalleryException e) {
            slack.respondEphemeral(click.responseUrl(), ":warning: " + e.getMessage() + " (" + e.code() + ")");
            return;
        } catch (PromptBlockedException e) {
            slack.respondEphemeral(click.responseUrl(), ":warning: The prompt cannot be published: " + e.getMessage()
                    + (e.rule() == null ? "" : "\nMatched rule: `" + SlackBlocks.escape(e.rule()) + "`"));
            return;
        }
        if (entry.status() == GalleryStatus.APPROVED) {
            slack.respondEphemeral(click.responseUrl(), ":white_check_mark: Published in the gallery.");
            return;
        }
        // The request reaches the moderators' channel through the chat-moderation job (the gallery's
        // change event makes it due now), like every other way into review.
        slack.respondEphemeral(click.responseUrl(), ":inbox_tray: Sent to the moderators for review.");
    }

    /** Posts a publish request in a moderators' channel with the images in its thread; returns its ts. */
    String postRequest(String channel, Generation generation, String requesterId) {
        String id = generation.id();
        String prompt = generation.asked().prompt();
        SlackBlocks.Message request = SlackBlocks.moderationRequest(id, prompt, requesterId, gallery.rejectReasons());
        String ts = slack.postMessage(channel, null, request.text(), request.blocks());
        for (StoredImage image : generation.outcome().images()) {
            try {
                Optional<byte[]> bytes = generations.readImage(image);
                if (bytes.isPresent()) {
                    slack.uploadFile(channel, ts, "atelier-" + id.substring(0, 8) + "-" + (image.index() + 1) + "."
                            + image.extension(), SlackBlocks.truncate(prompt), bytes.get());
                }
            } catch (UncheckedIOException e) {
                // The request is posted; the moderators can open the image in the web console.
                log.warn("Slack moderation request for {}: image {} unreadable: {}", id, image.id(), e.toString());
            }
        }
        return ts;
    }

    /** Approve, or Reject with the chosen reason, in the moderators' channel. */
    void decide(ChatUser user, ActionId id, SlackAction click) {
        if (!user.moderator()) {
            throw new ChatActionException("FORBIDDEN", "Only members of the moderators group can review publish requests.");
        }
        Actor actor = new Actor(user.principal(), user.displayName(), ActorRole.MODERATOR);
        String decision;
        try {
            switch (id.action()) {
                case APPROVE -> {
                    gallery.approve(id.generationId(), actor, requestId(click));
                    decision = "approved";
                }
                case REJECT -> {
                    String reason = click.value();
                    if (reason == null || !gallery.rejectReasons().contains(reason)) {
                        throw new ChatActionException("INVALID", "Pick a reason to reject.");
                    }
                    gallery.reject(id.generationId(), actor, reason, null, requestId(click));
                    decision = "rejected (" + reason + ")";
                }
                default -> throw new IllegalArgumentException(id.action() + " is not a moderation decision");
            }
        } catch (GalleryException e) {
            slack.respondEphemeral(click.responseUrl(), ":warning: " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        // The post (and any other post of this request) shows the decision through the chat-moderation
        // job, which also tells the author; this click only says it was taken.
        log.info("Slack moderator {} {} generation {}", user.principal(), decision, id.generationId());
    }

    private static String requestId(SlackAction click) {
        return click.triggerId() == null ? null : "slack:" + click.triggerId();
    }
}
