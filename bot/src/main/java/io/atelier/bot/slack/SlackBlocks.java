package io.atelier.bot.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.image;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.SlackFileObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.ProgressBar;
import io.atelier.core.storage.StoredImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the platform-neutral {@link ChatView} into Slack Block Kit: the pending message (prompt as
 * used, model, queue position, ETA), progress (a text bar), the result (images as
 * {@code slack_file} image blocks, buttons) and failures. Buttons carry {@link ActionId}s, so
 * they work after restarts; who may use them is checked when clicked.
 *
 * <p>Every message also has a plain {@code text} (notifications, screen readers).
 */
final class SlackBlocks {

    /** Slack allows 3000 characters in a section's text; prompts are cut well below that. */
    private static final int MAX_PROMPT = 2_000;

    private SlackBlocks() {
    }

    /** A message: fallback text and blocks. */
    record Message(String text, List<LayoutBlock> blocks) {
    }

    /**
     * @param fileIds the result's uploaded images in order (for four images, the one 2×2 grid); for a progress view, its uploaded preview
     *                (at most one), else empty
     */
    static Message render(ChatView view, String requesterId, List<String> fileIds) {
        return switch (view) {
            case ChatView.Pending p -> pending(p, requesterId);
            case ChatView.Progress p -> progress(p, requesterId, fileIds.isEmpty() ? null : fileIds.getFirst());
            case ChatView.Result r -> result(r, requesterId, fileIds);
            case ChatView.Failure f -> failure(f, requesterId);
        };
    }

    /**
     * The prompt as the user wrote it, under the one used, when enhancement changed it: people
     * recognise their own words and see what the enhancer made of them.
     */
    private static void yourPrompt(List<LayoutBlock> blocks, String originalPrompt) {
        if (originalPrompt != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("*Your prompt:* " + escape(truncate(originalPrompt)))))));
        }
    }

    /** Cancel, under pending and running messages (owner or moderator; refunds). */
    private static LayoutBlock cancel(String generationId) {
        return actions(a -> a.blockId("atelier_running").elements(List.of(
                button(ChatAction.CANCEL, 0, generationId, "Cancel", "danger"))));
    }

    private static Message pending(ChatView.Pending p, String requesterId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":hourglass_flowing_sand: *Imagining…*\n" + quote(p.prompt())))));
        yourPrompt(blocks, p.originalPrompt());
        String position = p.queuePosition() == 0 ? "next in line" : "queue position " + (p.queuePosition() + 1);
        String eta = p.eta() == null ? "" : " · about " + human(p.eta());
        blocks.add(context(c -> c.elements(List.of(markdownText("`" + escape(p.model()) + "` · " + position + eta
                + " · " + images(p.count()) + requestedBy(requesterId))))));
        blocks.add(section(s -> s.text(markdownText("`" + bar(0) + "` queued"))));
        blocks.add(cancel(p.generationId()));
        return new Message("Imagining: " + truncate(p.prompt()) + " (" + position + ")", blocks);
    }

    private static Message progress(ChatView.Progress p, String requesterId, String previewFileId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":art: *Imagining…*\n" + quote(p.prompt())))));
        yourPrompt(blocks, p.originalPrompt());
        blocks.add(context(c -> c.elements(List.of(markdownText("`" + escape(p.model()) + "`" + requestedBy(requesterId))))));
        String message = p.message() == null || p.message().isBlank() ? "" : " " + escape(p.message());
        blocks.add(section(s -> s.text(markdownText("`" + p.bar() + "`" + message))));
        if (previewFileId != null) {
            blocks.add(image(b -> b.slackFile(SlackFileObject.builder().id(previewFileId).build())
                    .altText("preview of the image being made")));
        }
        blocks.add(cancel(p.generationId()));
        return new Message("Imagining: " + p.bar(), blocks);
    }

    private static Message result(ChatView.Result r, String requesterId, List<String> fileIds) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":frame_with_picture: " + quote(r.prompt())))));
        yourPrompt(blocks, r.originalPrompt());
        if (r.negative() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Negative: " + escape(truncate(r.negative())))))));
        }
        for (int i = 0; i < fileIds.size(); i++) {
            String fileId = fileIds.get(i);
            String alt = truncate(r.prompt()) + (fileIds.size() > 1 ? " (" + (i + 1) + "/" + fileIds.size() + ")" : "");
            blocks.add(image(b -> b.slackFile(SlackFileObject.builder().id(fileId).build()).altText(alt)));
        }
        StringBuilder facts = new StringBuilder("`" + escape(r.model()) + "` · seed " + r.seed());
        if (r.durationMs() != null) {
            facts.append(" · ").append(String.format(Locale.ROOT, "%.1f s", r.durationMs() / 1000.0));
        }
        facts.append(requestedBy(requesterId));
        blocks.add(context(c -> c.elements(List.of(markdownText(facts.toString())))));
        if (r.note() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":information_source: " + escape(r.note()))))));
        }
        if (!r.warnings().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":warning: " + escape(String.join("; ", r.warnings())))))));
        }
        blocks.addAll(resultButtons(r));
        return new Message("Done: " + truncate(r.prompt()), blocks);
    }

    /**
     * Several images: Reroll and U1–Un, Remix and V1–Vn, then Publish, Delete, Details. One image:
     * Reroll, Upscale, Vary (Subtle), Vary (Strong), Remix, then the same last row. Variations only
     * where the model takes an image to start from.
     */
    static List<LayoutBlock> resultButtons(ChatView.Result r) {
        String id = r.generationId();
        List<LayoutBlock> blocks = new ArrayList<>();
        BlockElement reroll = button(ChatAction.REROLL, 0, id, "Reroll", null);
        BlockElement remix = button(ChatAction.REMIX, 0, id, "Remix", null);
        if (r.single()) {
            int n = r.images().isEmpty() ? 1 : r.images().getFirst().index() + 1;
            List<BlockElement> row = new ArrayList<>(List.of(reroll, button(ChatAction.UPSCALE, n, id, "Upscale", null)));
            if (r.canVary()) {
                row.add(button(ChatAction.VARY_SUBTLE, n, id, "Vary (Subtle)", null));
                row.add(button(ChatAction.VARY_STRONG, n, id, "Vary (Strong)", null));
            }
            row.add(remix);
            blocks.add(actions(a -> a.blockId("atelier_image").elements(row)));
        } else {
            List<BlockElement> upscales = new ArrayList<>(List.of(reroll));
            List<BlockElement> variations = new ArrayList<>(List.of(remix));
            for (StoredImage image : r.images()) {
                int n = image.index() + 1;
                upscales.add(button(ChatAction.UPSCALE, n, id, "U" + n, null));
                variations.add(button(ChatAction.VARY_STRONG, n, id, "V" + n, null));
            }
            blocks.add(actions(a -> a.blockId("atelier_upscale").elements(upscales)));
            blocks.add(actions(a -> a.blockId("atelier_vary").elements(r.canVary() ? variations : List.of(remix))));
        }
        blocks.add(actions(a -> a.blockId("atelier_result").elements(List.of(
                button(ChatAction.PUBLISH, 0, id, "Publish", "primary"),
                button(ChatAction.DELETE, 0, id, "Delete", "danger"),
                button(ChatAction.DETAILS, 0, id, "Details", null)))));
        return blocks;
    }

    /** A {@code /describe} answer: the prompts, each with a button to imagine it. */
    static Message described(String describeId, List<String> prompts, String requesterId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(":mag: *Described*" + requestedBy(requesterId)))));
        List<BlockElement> buttons = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            int n = i + 1;
            String prompt = prompts.get(i);
            blocks.add(section(s -> s.text(markdownText("*" + n + ".* " + escape(truncate(prompt))))));
            buttons.add(button(ChatAction.IMAGINE_PROMPT, n, describeId, "Imagine " + n, null));
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("atelier_describe").elements(buttons)));
        }
        return new Message("Described: " + prompts.size() + " prompts", blocks);
    }

    private static Message failure(ChatView.Failure f, String requesterId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String rule = f.rule() == null ? "" : "\nMatched rule: `" + escape(f.rule()) + "`";
        blocks.add(section(s -> s.text(markdownText(":x: *" + escape(f.code()) + "*: " + escape(f.message()) + rule))));
        if (requesterId != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("requested by <@" + requesterId + ">")))));
        }
        if (f.retryable() && f.generationId() != null) {
            blocks.add(actions(a -> a.blockId("atelier_failure").elements(List.of(
                    button(ChatAction.RETRY, 0, f.generationId(), "Retry", null),
                    button(ChatAction.DETAILS, 0, f.generationId(), "Details", null)))));
        }
        return new Message(f.code() + ": " + f.message(), blocks);
    }

    /**
     * A publish request in the moderators' channel: Approve, and Reject as a menu of the gallery's
     * reject reasons (the chosen reason is the menu's value).
     */
    static Message moderationRequest(String generationId, String prompt, String requesterId, List<String> rejectReasons) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String from = requesterId == null ? " from the API" : " from <@" + requesterId + ">";
        blocks.add(section(s -> s.text(markdownText(":inbox_tray: *Publish request*" + from + "\n"
                + quote(prompt) + "\nThe image is in the thread.\nid `" + generationId + "`"))));
        List<OptionObject> reasons = rejectReasons.stream().limit(100).map(r -> option(plainText(r), r)).toList();
        List<BlockElement> elements = new ArrayList<>();
        elements.add(button(ChatAction.APPROVE, 0, generationId, "Approve", "primary"));
        if (!reasons.isEmpty()) {
            elements.add(BlockElements.staticSelect(m -> m.actionId(ActionId.encode(ChatAction.REJECT, generationId))
                    .placeholder(plainText("Reject with reason…")).options(reasons)));
        }
        blocks.add(actions(a -> a.blockId("atelier_moderation").elements(elements)));
        return new Message("Publish request: " + truncate(prompt), blocks);
    }

    /** The moderation message after a decision (no more controls). */
    static Message moderationDecided(String generationId, String decision, String decidedBy) {
        return new Message("Publish request " + decision, List.of(section(s -> s.text(markdownText(
                (decision.startsWith("approved") ? ":white_check_mark:" : ":no_entry:") + " Publish request `"
                        + generationId + "` *" + escape(decision) + "*" + (decidedBy == null ? "" : " by " + decidedBy))))));
    }

    private static BlockElement button(ChatAction action, int index, String generationId, String label, String style) {
        return BlockElements.button(b -> b.actionId(ActionId.encode(action, index, generationId))
                .text(plainText(label)).value(generationId).style(style));
    }

    static String bar(int percent) {
        return ProgressBar.text(percent);
    }

    private static String requestedBy(String requesterId) {
        return requesterId == null ? "" : " · requested by <@" + requesterId + ">";
    }

    private static String images(int count) {
        return count == 1 ? "1 image" : count + " images";
    }

    static String human(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s < 90 ? s + " s" : (s + 30) / 60 + " min";
    }

    static String quote(String prompt) {
        return ">" + escape(truncate(prompt)).replace("\n", "\n>");
    }

    static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_PROMPT ? s : s.substring(0, MAX_PROMPT) + "…";
    }

    /** Slack mrkdwn control characters: {@code & < >}. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
