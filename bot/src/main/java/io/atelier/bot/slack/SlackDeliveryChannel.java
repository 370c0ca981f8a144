package io.atelier.bot.slack;

import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatDelivery;
import io.atelier.bot.chat.ChatDeliveryChannel;
import io.atelier.bot.chat.ChatGrid;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryOutcome;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.storage.StoredImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack's half of durable delivery ({@link ChatDeliveryChannel}): posts the message in
 * {@code target.channelId} on the first run (the delivery is recorded before the message exists,
 * see {@link #postFirst}), then keeps it ({@code ts}) in step with its generation through {@code chat.update}.
 * For the result it first uploads each image into the message's thread
 * ({@code files.getUploadURLExternal} + upload + {@code files.completeUploadExternal}), remembering
 * the file ids in {@code slack_uploads} so a retried delivery does not upload twice (see
 * {@link #upload} for a run cut off mid-upload), then shows
 * them in the message as {@code slack_file} image blocks with the buttons.
 *
 * <p>Target keys: {@code ts} (the message, absent until posted), {@code requester} (user id, for the
 * caption), {@code response_url} (to tell the user when the channel refuses the bot).
 * Errors: rate limits, 5xx and network errors → retry (after Retry-After when Slack gave one);
 * a deleted message, an archived or unknown channel, a revoked token → gone.
 */
final class SlackDeliveryChannel implements ChatDeliveryChannel {

    static final String TS = "ts";
    static final String REQUESTER = "requester";
    /** The command's {@code response_url}: where to say that the bot cannot post in the channel. */
    static final String RESPONSE_URL = "response_url";
    private static final Set<String> GONE = Set.of("message_not_found", "channel_not_found", "not_in_channel",
            "is_archived", "cant_update_message", "edit_window_closed", "invalid_auth", "account_inactive",
            "token_revoked", "no_permission", "missing_scope");

    private final SlackWebApi slack;
    private final GenerationService generations;
    private final SlackUploads uploads;
    private final ChatDeliveries deliveries;

    SlackDeliveryChannel(SlackWebApi slack, GenerationService generations, SlackUploads uploads, ChatDeliveries deliveries) {
        this.slack = slack;
        this.generations = generations;
        this.uploads = uploads;
        this.deliveries = deliveries;
    }

    @Override
    public ChatPlatform platform() {
        return ChatPlatform.SLACK;
    }

    @Override
    public DeliveryOutcome deliver(ChatDelivery delivery, ChatView view) {
        // Every call of this step with the token of the workspace the delivery belongs to.
        return SlackWebApi.asTeam(delivery.tenantId(), () -> deliverInTeam(delivery, view));
    }

    private DeliveryOutcome deliverInTeam(ChatDelivery delivery, ChatView view) {
        String channel = delivery.target().channelId();
        String ts = delivery.target().get(TS);
        if (channel == null) {
            return new DeliveryOutcome.Gone("the delivery has no Slack channel");
        }
        // Posted by this step (first run): every outcome carries the ts, so the runner's own write keeps it.
        Map<String, String> posted = Map.of();
        try {
            if (ts == null) {
                ts = postFirst(delivery, channel, view);
                posted = Map.of(TS, ts);
                if (!(view instanceof ChatView.Result)) {
                    return new DeliveryOutcome.Delivered(posted);
                }
            }
            List<String> fileIds = switch (view) {
                case ChatView.Result result -> shown(delivery, result, upload(delivery, channel, ts, result));
                case ChatView.Progress progress when progress.preview() != null -> List.of(uploadPreview(delivery, progress));
                default -> List.of();
            };
            SlackBlocks.Message message = SlackBlocks.render(view, delivery.target().get(REQUESTER), fileIds);
            slack.updateMessage(channel, ts, message.text(), message.blocks());
            return new DeliveryOutcome.Delivered(posted);
        } catch (SlackCallException e) {
            if (e.retriable()) {
                return new DeliveryOutcome.Retry(e.retryAfter(), e.getMessage(), posted);
            }
            if (GONE.contains(e.error())) {
                if (ts == null) {
                    // The pending message could not be posted at all: tell the user why (the job runs anyway).
                    slack.respondEphemeral(delivery.target().get(RESPONSE_URL), "Your image is being made (id "
                            + delivery.generationId() + ") but I cannot post in this channel (" + e.error()
                            + "). Invite me with `/invite @Atelier`.");
                }
                return new DeliveryOutcome.Gone(e.getMessage());
            }
            return new DeliveryOutcome.Retry(null, e.getMessage(), posted);
        } catch (IOException e) {
            return new DeliveryOutcome.Retry(null, "image unreadable: " + e.getMessage(), posted);
        }
    }

    /**
     * The delivery's message does not exist yet: posts it and records its ts in the delivery at
     * once (before anything else can fail). The delivery row exists before the message, so a crash
     * can no longer leave a message nobody updates; the price is that a crash between Slack's answer
     * and the write makes the next run post the message again (at worst one stale duplicate).
     */
    private String postFirst(ChatDelivery delivery, String channel, ChatView view) {
        SlackBlocks.Message first = SlackBlocks.render(view, delivery.target().get(REQUESTER), List.of());
        String ts = slack.postMessage(channel, null, first.text(), first.blocks());
        deliveries.rememberTarget(delivery, Map.of(TS, ts));
        return ts;
    }

    /**
     * A live preview, uploaded once per preview version without sharing it in any channel (it only
     * shows inside the message, as a {@code slack_file} image block: Slack lets the app that uploaded
     * a file use it in its own blocks), so the thread is not filled with drafts.
     */
    private String uploadPreview(ChatDelivery delivery, ChatView.Progress progress) {
        ChatView.PreviewImage preview = progress.preview();
        String key = "preview-" + preview.version();
        Optional<String> known = uploads.find(delivery.id(), key);
        if (known.isPresent()) {
            return known.get();
        }
        String name = "atelier-" + progress.generationId().substring(0, 8) + "-preview-" + preview.version() + "."
                + preview.extension();
        String fileId = slack.uploadFile(null, null, name, "preview", preview.bytes());
        uploads.record(delivery.id(), key, fileId);
        return fileId;
    }

    /**
     * Each image uploaded once into the message's thread; returns the Slack file ids in image order.
     * An upload is claimed in {@code slack_uploads} (empty file id) before it starts and completed with
     * the file id after: a claim found without a file id means an earlier run was cut off (killed, or
     * its heartbeat missed) somewhere between the two, perhaps after Slack shared the file. Such a run
     * looks the file up in the thread by its name (unique per generation and image) before uploading.
     */
    private List<String> upload(ChatDelivery delivery, String channel, String ts, ChatView.Result result) throws IOException {
        List<String> fileIds = new ArrayList<>();
        Map<String, String> inThread = null;
        for (StoredImage image : result.images()) {
            String name = "atelier-" + result.generationId().substring(0, 8) + "-" + (image.index() + 1) + "." + image.extension();
            Optional<String> known = recordedUpload(delivery, image);
            if (known.isPresent() && !known.get().isEmpty()) {
                fileIds.add(known.get());
                continue;
            }
            if (known.isPresent()) {
                inThread = inThread != null ? inThread : slack.filesInThread(channel, ts);
                String found = inThread.get(name);
                if (found != null) {
                    recordUpload(delivery, image, found);
                    fileIds.add(found);
                    continue;
                }
            } else {
                claimUpload(delivery, image);
            }
            String fileId = slack.uploadFile(channel, ts, name, SlackBlocks.truncate(result.prompt()), readImage(image));
            recordUpload(delivery, image, fileId);
            fileIds.add(fileId);
        }
        return fileIds;
    }

    /**
     * What the result message shows: the images, or for four of them one 2×2 grid (the four stay in
     * the thread at full size). The grid is uploaded without sharing it, like a preview, once.
     */
    private List<String> shown(ChatDelivery delivery, ChatView.Result result, List<String> fileIds) throws IOException {
        if (result.images().size() != 4) {
            return fileIds;
        }
        String key = "grid";
        Optional<String> known = uploads.find(delivery.id(), key);
        if (known.isPresent() && !known.get().isEmpty()) {
            return List.of(known.get());
        }
        List<byte[]> four = new ArrayList<>();
        for (StoredImage image : result.images()) {
            four.add(readImage(image));
        }
        Optional<byte[]> grid = ChatGrid.of(four);
        if (grid.isEmpty()) {
            return fileIds;
        }
        String fileId = slack.uploadFile(null, null, "atelier-" + result.generationId().substring(0, 8) + "-grid.png",
                SlackBlocks.truncate(result.prompt()), grid.get());
        // A run racing this one may have recorded its own grid: either shows the same four images.
        uploads.record(delivery.id(), key, fileId);
        return List.of(fileId);
    }

    private Optional<String> recordedUpload(ChatDelivery delivery, StoredImage image) {
        return uploads.find(delivery.id(), image.id());
    }

    private void claimUpload(ChatDelivery delivery, StoredImage image) {
        // A run racing this one may have claimed it a moment ago; both go on, at worst one extra file.
        uploads.claim(delivery.id(), image.id());
    }

    private void recordUpload(ChatDelivery delivery, StoredImage image, String fileId) {
        uploads.complete(delivery.id(), image.id(), fileId);
    }

    private byte[] readImage(StoredImage image) throws IOException {
        Optional<byte[]> bytes = generations.readImage(image);
        if (bytes.isEmpty()) {
            throw new IOException("image " + image.id() + " is missing from storage");
        }
        return bytes.get();
    }
}
