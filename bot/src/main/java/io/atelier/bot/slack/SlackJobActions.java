package io.atelier.bot.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.view.View;
import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ActionOutcome;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionRunner;
import io.atelier.bot.chat.ChatBlend;
import io.atelier.bot.chat.ChatDescribe;
import io.atelier.bot.chat.ChatImageRef;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import io.atelier.core.generation.Generation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Slack half of the job buttons and of {@code /describe} and {@code /blend}: clicks and forms
 * become {@link ChatActionRunner}, {@link ChatDescribe} and {@link ChatBlend} calls, their outcomes
 * Slack messages. New jobs are posted by their delivery ({@link SlackDeliveryChannel}); refusals and
 * notices go to the user alone through the interaction's {@code response_url}. Runs on the bot's
 * executor, never on Bolt's thread.
 */
class SlackJobActions {

    private static final Logger log = LoggerFactory.getLogger(SlackJobActions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackWebApi slack;
    private final SlackImages images;
    private final ChatActionRunner runner;
    private final ChatDescribe describe;
    private final ChatBlend blend;

    SlackJobActions(SlackWebApi slack, SlackImages images, ChatActionRunner runner, ChatDescribe describe, ChatBlend blend) {
        this.slack = slack;
        this.images = images;
        this.runner = runner;
        this.describe = describe;
        this.blend = blend;
    }

    /** Where a new message goes: the channel, with who asked and where to answer privately. */
    static DeliveryTarget target(String channelId, ChatUser user, String responseUrl) {
        Map<String, String> data = new HashMap<>();
        data.put(SlackDeliveryChannel.REQUESTER, user.userId());
        if (responseUrl != null) {
            data.put(SlackDeliveryChannel.RESPONSE_URL, responseUrl);
        }
        return new DeliveryTarget(channelId, data);
    }

    /** A job button (Upscale, Vary, Reroll, Remix, Cancel, Retry, Delete, Details, a described prompt). */
    void click(ChatUser user, ActionId id, SlackAction click) {
        ActionOutcome outcome = runner.run(user, id, target(click.channelId(), user, click.responseUrl()));
        if (outcome instanceof ActionOutcome.Form form) {
            ObjectNode meta = JSON.createObjectNode();
            meta.put("channel", click.channelId());
            meta.put("responseUrl", click.responseUrl());
            meta.put("generation", form.form().generationId());
            slack.openView(click.triggerId(), SlackViews.remixModal(form.form(), JSON.writeValueAsString(meta)));
            return;
        }
        if (outcome instanceof ActionOutcome.Deleted && click.channelId() != null && click.messageTs() != null) {
            slack.updateMessage(click.channelId(), click.messageTs(), "Deleted", List.of(context(c -> c.elements(
                    List.of(markdownText(":wastebasket: Deleted by <@" + click.user().userId() + ">"))))));
            return;
        }
        show(outcome, click.responseUrl());
    }

    /** The Remix form submitted. */
    void submitRemix(ChatUser user, View view) {
        JsonNode meta = meta(view);
        String generation = text(meta, "generation");
        String channel = text(meta, "channel");
        if (generation == null || channel == null) {
            log.info("Slack remix form without its generation or channel: ignored");
            return;
        }
        String responseUrl = text(meta, "responseUrl");
        ActionOutcome outcome = runner.remix(user, new ActionId(ChatAction.REMIX, generation),
                SlackViews.readRemix(generation, view.getState()), target(channel, user, responseUrl));
        show(outcome, responseUrl);
    }

    /** {@code /describe}: with a file link, at once; without, the form. */
    void describeCommand(ChatUser user, String channelId, String text, String triggerId, String responseUrl) {
        SlackImages.Shared shared = SlackImages.sharedIn(text);
        if (shared.fileIds().isEmpty()) {
            slack.openView(triggerId, SlackViews.describeModal(meta(channelId, responseUrl)));
            return;
        }
        describe(user, channelId, images.byId(shared.fileIds().subList(0, 1)).getFirst(), responseUrl);
    }

    void submitDescribe(ChatUser user, View view) {
        JsonNode meta = meta(view);
        String channel = text(meta, "channel");
        List<ChatImageRef> files = images.fromForm(SlackViews.values(view.getState()), SlackViews.Input.IMAGE);
        if (channel == null || files.isEmpty()) {
            log.info("Slack describe form without a channel or a file: ignored");
            return;
        }
        describe(user, channel, files.getFirst(), text(meta, "responseUrl"));
    }

    private void describe(ChatUser user, String channelId, ChatImageRef image, String responseUrl) {
        switch (describe.describe(user, image)) {
            case ChatDescribe.Outcome.Described d -> {
                SlackBlocks.Message message = SlackBlocks.described(d.id(), d.prompts(), user.userId());
                slack.postMessage(channelId, null, message.text(), message.blocks());
            }
            case ChatDescribe.Outcome.Refused r -> slack.respondEphemeral(responseUrl, SlackInteractions.refusalText(r.failure()));
        }
    }

    /** {@code /blend}: with file links, at once (the rest of the text is the prompt); without, the form. */
    void blendCommand(ChatUser user, String channelId, String text, String triggerId, String responseUrl) {
        SlackImages.Shared shared = SlackImages.sharedIn(text);
        if (shared.fileIds().isEmpty()) {
            slack.openView(triggerId, SlackViews.blendModal(blend.models(), meta(channelId, responseUrl)));
            return;
        }
        ImagineOptions options = ImagineOptions.ofPrompt(shared.text().isEmpty() ? null : shared.text());
        show(blend.blend(user, options, images.byId(shared.fileIds()), target(channelId, user, responseUrl)), responseUrl);
    }

    void submitBlend(ChatUser user, View view) {
        JsonNode meta = meta(view);
        String channel = text(meta, "channel");
        if (channel == null) {
            log.info("Slack blend form without a channel: ignored");
            return;
        }
        String responseUrl = text(meta, "responseUrl");
        List<ChatImageRef> files = images.fromForm(SlackViews.values(view.getState()), SlackViews.Input.IMAGES);
        show(blend.blend(user, SlackViews.readBlend(view.getState()), files, target(channel, user, responseUrl)), responseUrl);
    }

    private void show(ImagineOutcome outcome, String responseUrl) {
        if (outcome instanceof ImagineOutcome.Refused refused) {
            slack.respondEphemeral(responseUrl, SlackInteractions.refusalText(refused.failure()));
        }
    }

    private void show(ActionOutcome outcome, String responseUrl) {
        switch (outcome) {
            case ActionOutcome.Posted posted -> {
                // The new message is posted by its delivery.
            }
            case ActionOutcome.Refused refused -> slack.respondEphemeral(responseUrl, SlackInteractions.refusalText(refused.failure()));
            case ActionOutcome.Canceled canceled -> slack.respondEphemeral(responseUrl, ":no_entry_sign: Canceled"
                    + (canceled.refunded() > 0 ? "; " + canceled.refunded() + " credit" + (canceled.refunded() == 1 ? " was" : "s were")
                    + " refunded." : "."));
            case ActionOutcome.Details details -> slack.respondEphemeral(responseUrl, details(details.generation()));
            case ActionOutcome.Deleted deleted -> slack.respondEphemeral(responseUrl, ":wastebasket: Deleted.");
            case ActionOutcome.Form form -> slack.respondEphemeral(responseUrl, "Use the Remix button on the image.");
        }
    }

    static String details(Generation g) {
        Generation.Asked asked = g.asked();
        StringBuilder s = new StringBuilder("*Generation* `").append(g.id()).append("`\n");
        s.append("Status: ").append(g.status().name().toLowerCase(Locale.ROOT)).append('\n');
        s.append("Prompt as written: ").append(SlackBlocks.escape(asked.originalPrompt())).append('\n');
        if (asked.prompt() != null && !asked.prompt().equals(asked.originalPrompt())) {
            s.append("Prompt as used: ").append(SlackBlocks.escape(asked.prompt())).append('\n');
        }
        s.append("Model: `").append(asked.model()).append("` · ").append(asked.width()).append('×')
                .append(asked.height())
                .append(" (").append(asked.aspectRatio()).append(") · seed ").append(asked.seed()).append(" · ")
                .append(asked.count()).append(asked.count() == 1 ? " image" : " images");
        if (asked.template() != null) {
            s.append(" · template ").append(asked.template());
        }
        if (asked.negativePrompt() != null) {
            s.append("\nNegative: ").append(SlackBlocks.escape(asked.negativePrompt()));
        }
        if (!g.outcome().warnings().isEmpty()) {
            s.append("\nWarnings: ").append(SlackBlocks.escape(String.join("; ", g.outcome().warnings())));
        }
        return s.toString();
    }

    private static String meta(String channelId, String responseUrl) {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("channel", channelId);
        meta.put("responseUrl", responseUrl);
        return JSON.writeValueAsString(meta);
    }

    private static JsonNode meta(View view) {
        try {
            return JSON.readTree(view.getPrivateMetadata() == null ? "{}" : view.getPrivateMetadata());
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isString() && !v.stringValue().isBlank() ? v.stringValue() : null;
    }
}
