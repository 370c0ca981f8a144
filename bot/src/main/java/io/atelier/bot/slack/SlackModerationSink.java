package io.atelier.bot.slack;

import io.atelier.bot.chat.ChatMeta;
import io.atelier.bot.chat.ChatModerationSink;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import java.util.function.Supplier;

/**
 * Slack's half of moderation in chat: requests go to the workspace's own moderators' channel
 * ({@code /imagine admin moderation-channel}) or {@code atelier.slack.moderation-channel}, in the workspace
 * they came from (with that workspace's token), API and agent requests to the same channel with the
 * configured token; decisions replace the request's controls; the author hears by DM. A record: it holds
 * only the clients it posts with.
 */
record SlackModerationSink(SlackWebApi slack, SlackProperties properties, SlackModeration moderation)
        implements ChatModerationSink {

    @Override
    public ChatPlatform platform() {
        return ChatPlatform.SLACK;
    }

    @Override
    public String configuredChannel() {
        return properties.moderationChannel();
    }

    /** "": the configured token ({@link SlackTokens}); with OAuth installs only, the moderation workspace. */
    @Override
    public String defaultTenant() {
        return properties.moderationWorkspace() != null ? properties.moderationWorkspace() : "";
    }

    @Override
    public String post(String tenantId, String channelId, Generation generation, GalleryEntry entry) {
        String requester = ChatMeta.principal(generation).filter(p -> p.startsWith("slack:"))
                .map(p -> p.substring(p.lastIndexOf(':') + 1)).orElse(null);
        return call(tenantId, () -> moderation.postRequest(channelId, generation, requester));
    }

    @Override
    public void showDecision(String tenantId, String channelId, String messageRef, GalleryEntry entry, String decidedBy) {
        SlackBlocks.Message decided = SlackBlocks.moderationDecided(entry.generationId(), decision(entry), who(decidedBy, tenantId));
        call(tenantId, () -> {
            slack.updateMessage(channelId, messageRef, decided.text(), decided.blocks());
            return null;
        });
    }

    @Override
    public void tellAuthor(String tenantId, String userId, GalleryEntry entry) {
        String text = switch (entry.status()) {
            case APPROVED -> ":white_check_mark: Your image `" + entry.generationId() + "` was approved: it is in the public gallery.";
            case REJECTED -> ":no_entry: Your publish request for `" + entry.generationId() + "` was rejected ("
                    + SlackBlocks.escape(entry.reason()) + "). You may appeal once from the web gallery.";
            default -> "Your publish request for `" + entry.generationId() + "` is now " + decision(entry) + ".";
        };
        // Posting to a user id opens (or reuses) the app's DM with them.
        call(tenantId, () -> slack.postMessage(userId, null, text, null));
    }

    static String decision(GalleryEntry entry) {
        return entry.status() == GalleryStatus.REJECTED && entry.reason() != null ? "rejected (" + entry.reason() + ")"
                : entry.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** A Slack moderator of this workspace as a mention; anyone else (the web console, the API) by name. */
    private static String who(String decidedBy, String tenantId) {
        if (decidedBy == null) {
            return null;
        }
        String prefix = "slack:" + tenantId + ":";
        if (decidedBy.startsWith(prefix)) {
            return "<@" + decidedBy.substring(prefix.length()) + ">";
        }
        return decidedBy.startsWith("slack:") ? decidedBy.substring(decidedBy.lastIndexOf(':') + 1) : "a moderator (" + decidedBy + ")";
    }

    private static <T> T call(String tenantId, Supplier<T> work) {
        try {
            return SlackWebApi.asTeam(tenantId, work);
        } catch (SlackCallException e) {
            throw new Failure(e.getMessage(), e.retriable(), e);
        }
    }
}
