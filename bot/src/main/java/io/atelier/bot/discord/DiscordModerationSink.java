package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatMeta;
import io.atelier.bot.chat.ChatModerationSink;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.core.gallery.GalleryEntry;
import io.atelier.core.gallery.GalleryStatus;
import io.atelier.core.generation.Generation;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * Discord's half of moderation in chat: requests go to the guild's own moderation channel
 * ({@code /server-settings}) or {@code atelier.discord.moderation-channel}, API and agent requests to the
 * latter; decisions replace the request's buttons; the author hears by DM. All over REST with the bot token.
 * A record: it holds only the clients it posts with.
 */
record DiscordModerationSink(DiscordRest rest, DiscordMessages messages, DiscordProperties properties)
        implements ChatModerationSink {

    @Override
    public ChatPlatform platform() {
        return ChatPlatform.DISCORD;
    }

    @Override
    public String configuredChannel() {
        return properties.moderationChannel();
    }

    @Override
    public String defaultTenant() {
        return "";
    }

    @Override
    public String post(String tenantId, String channelId, Generation generation, GalleryEntry entry) {
        String author = ChatMeta.displayName(generation).orElse(entry.authorName());
        return call(() -> rest.sendToChannel(channelId, messages.moderation(generation, author).toCreate()));
    }

    @Override
    public void showDecision(String tenantId, String channelId, String messageRef, GalleryEntry entry, String decidedBy) {
        String text = (entry.status() == GalleryStatus.APPROVED ? "Approved" : decision(entry)) + " (generation "
                + entry.generationId() + ")" + (decidedBy == null ? "" : " by " + who(decidedBy));
        call(() -> {
            rest.editInChannel(channelId, messageRef, new MessageEditBuilder().setContent(text).setComponents(List.of()).build());
            return null;
        });
    }

    @Override
    public void tellAuthor(String tenantId, String userId, GalleryEntry entry) {
        String text = switch (entry.status()) {
            case APPROVED -> "Your image " + entry.generationId() + " was approved: it is in the public gallery.";
            case REJECTED -> "Your publish request for " + entry.generationId() + " was rejected (" + entry.reason()
                    + "). You may appeal once from the web gallery.";
            default -> "Your publish request for " + entry.generationId() + " is now " + decision(entry) + ".";
        };
        call(() -> rest.sendDirect(userId, new MessageCreateBuilder().setContent(text).build()));
    }

    private static String decision(GalleryEntry entry) {
        String s = entry.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return entry.status() == GalleryStatus.REJECTED && entry.reason() != null ? "Rejected (" + entry.reason() + ")"
                : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A Discord moderator as a mention; anyone else (the web console, the API) by id. */
    private static String who(String decidedBy) {
        return decidedBy.startsWith("discord:") ? "<@" + decidedBy.substring(decidedBy.lastIndexOf(':') + 1) + ">" : decidedBy;
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (DiscordCallException e) {
            boolean retriable = e.kind() == DiscordCallException.Kind.TRANSIENT || e.kind() == DiscordCallException.Kind.RATE_LIMITED;
            throw new Failure(e.getMessage(), retriable, e);
        }
    }
}
