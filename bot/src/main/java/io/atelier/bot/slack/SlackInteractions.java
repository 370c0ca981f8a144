package io.atelier.bot.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.atelier.bot.chat.ActionId;
import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatAssistant;
import io.atelier.bot.chat.ChatAction;
import io.atelier.bot.chat.ChatActionException;
import io.atelier.bot.chat.ChatActions;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatImageRef;
import io.atelier.bot.chat.ChatImagine;
import io.atelier.bot.chat.ChatMeta;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatUser;
import io.atelier.bot.chat.ChatView;
import io.atelier.bot.chat.DeliveryTarget;
import io.atelier.bot.chat.ImagineOptions;
import io.atelier.bot.chat.ImagineOutcome;
import io.atelier.core.account.Caller;
import io.atelier.core.generation.Generation;
import io.atelier.core.generation.GenerationService;
import io.atelier.core.generation.GenerationValidationException;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the bot does for each Slack interaction, on the bot's executor (never on Bolt's thread):
 * {@code /imagine} (with text, or the modal), the modal's submission, button clicks and the App
 * Home tab. The shared chat layer decides quotas, options, rendering and delivery; this class does
 * the Slack side: post the pending message, answer errors ephemerally through {@code response_url},
 * open and read views.
 */
class SlackInteractions {

    private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Slack truncates message text at 40,000 characters; stay well under it. */
    static final int MAX_MENTION_REPLY = 39_000;

    private final SlackWebApi slack;
    private final SlackProperties properties;
    private final ChatImagine imagine;
    private final ChatDeliveries deliveries;
    private final ChatActions actions;
    private final ChatAccounts accounts;
    private final ChatSettingsStore settings;
    private final ChatQuotas quotas;
    private final GenerationService generations;
    private final TemplateService templates;
    private final ModelCatalog models;
    private final SlackModeration moderation;
    private final ChatAssistant assistant;
    private final SlackJobActions jobs;
    private final SlackImages images;
    private final SlackCommands commands;

    SlackInteractions(SlackWebApi slack, SlackProperties properties, ChatImagine imagine, ChatDeliveries deliveries,
                      ChatActions actions, ChatAccounts accounts, ChatSettingsStore settings, ChatQuotas quotas,
                      GenerationService generations, TemplateService templates, ModelCatalog models,
                      SlackModeration moderation, ChatAssistant assistant, SlackJobActions jobs, SlackImages images,
                      SlackCommands commands) {
        this.slack = slack;
        this.properties = properties;
        this.imagine = imagine;
        this.deliveries = deliveries;
        this.actions = actions;
        this.accounts = accounts;
        this.settings = settings;
        this.quotas = quotas;
        this.generations = generations;
        this.templates = templates;
        this.models = models;
        this.moderation = moderation;
        this.assistant = assistant;
        this.jobs = jobs;
        this.images = images;
        this.commands = commands;
    }

    /**
     * {@code /imagine <prompt and inline flags>}, with Slack file links in it as images: the first to
     * start from, the others as references.
     */
    void imagine(SlackUser user, String channelId, String text, String responseUrl) {
        Optional<String> command = SlackCommands.commandOf(text);
        if (command.isPresent()) {
            commands.run(command.get(), chatUser(user, false), channelId, text, responseUrl);
            return;
        }
        SlackImages.Shared shared = SlackImages.sharedIn(text);
        ImagineOptions options = ImagineOptions.ofPrompt(shared.text());
        if (!shared.fileIds().isEmpty()) {
            List<ChatImageRef> files;
            try {
                files = images.byId(shared.fileIds());
            } catch (SlackCallException e) {
                slack.respondEphemeral(responseUrl, ":warning: The shared file could not be read (" + e.error() + ").");
                return;
            }
            options = options.withImages(files.getFirst(), files.subList(1, files.size()));
        }
        start(chatUser(user, false), options, channelId, responseUrl);
    }

    /** {@code /describe} (a file link, or the form). */
    void describe(SlackUser user, String channelId, String text, String triggerId, String responseUrl) {
        guard(responseUrl, () -> jobs.describeCommand(chatUser(user, false), channelId, text, triggerId, responseUrl));
    }

    /** {@code /blend} (file links and a prompt, or the form). */
    void blend(SlackUser user, String channelId, String text, String triggerId, String responseUrl) {
        guard(responseUrl, () -> jobs.blendCommand(chatUser(user, false), channelId, text, triggerId, responseUrl));
    }

    /** A submitted Remix, describe or blend form. */
    void submitForm(SlackUser user, View view) {
        ChatUser chatUser = chatUser(user, false);
        try {
            switch (view.getCallbackId()) {
                case SlackBoltApp.REMIX_CALLBACK -> jobs.submitRemix(chatUser, view);
                case SlackBoltApp.DESCRIBE_CALLBACK -> jobs.submitDescribe(chatUser, view);
                case SlackBoltApp.BLEND_CALLBACK -> jobs.submitBlend(chatUser, view);
                default -> log.info("Slack form {} is not one of ours", view.getCallbackId());
            }
        } catch (SlackCallException e) {
            log.warn("Slack form {} failed: {}", view.getCallbackId(), e.getMessage());
        }
    }

    private void guard(String responseUrl, Runnable work) {
        try {
            work.run();
        } catch (SlackCallException e) {
            log.warn("Slack command failed: {}", e.getMessage());
            slack.respondEphemeral(responseUrl, "Slack refused that (" + e.error() + ").");
        }
    }

    /** {@code /imagine} alone: the form. */
    void openModal(SlackUser user, String channelId, String triggerId, String responseUrl) {
        Caller caller = accounts.callerFor(chatUser(user, false));
        List<String> templateNames = templates.names(caller.teamId());
        List<String> modelIds = models.models().stream().map(ModelDescriptor::id).toList();
        ObjectNode meta = JSON.createObjectNode();
        meta.put("channel", channelId);
        meta.put("responseUrl", responseUrl);
        try {
            slack.openView(triggerId, SlackViews.imagineModal(templateNames, modelIds, settings.get(chatUser(user, false)),
                    JSON.writeValueAsString(meta)));
        } catch (SlackCallException e) {
            slack.respondEphemeral(responseUrl, "Could not open the form (" + e.error() + "). Try `/imagine your prompt`.");
        }
    }

    /** The form submitted. */
    void submitModal(SlackUser user, View view) {
        String channelId = null;
        String responseUrl = null;
        try {
            JsonNode meta = JSON.readTree(view.getPrivateMetadata() == null ? "{}" : view.getPrivateMetadata());
            channelId = meta.path("channel").isString() ? meta.path("channel").stringValue() : null;
            responseUrl = meta.path("responseUrl").isString() ? meta.path("responseUrl").stringValue() : null;
        } catch (RuntimeException e) {
            log.info("Slack modal with unreadable private_metadata");
        }
        if (channelId == null) {
            log.info("Slack modal submission without a channel: ignored");
            return;
        }
        ImagineOptions options;
        try {
            options = SlackViews.readModal(view.getState());
        } catch (GenerationValidationException e) {
            slack.respondEphemeral(responseUrl, ":warning: " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        Map<String, Map<String, ViewState.Value>> values = SlackViews.values(view.getState());
        List<ChatImageRef> image = images.fromForm(values, SlackViews.Input.IMAGE);
        List<ChatImageRef> references = images.fromForm(values, SlackViews.Input.REFERENCES);
        if (!image.isEmpty() || !references.isEmpty()) {
            options = options.withImages(image.isEmpty() ? null : image.getFirst(), references);
        }
        start(chatUser(user, false), options, channelId, responseUrl);
    }

    /** A button on one of our messages. */
    void click(SlackAction click) {
        Optional<String> setting = SlackHome.settingOf(click.actionId());
        if (setting.isPresent()) {
            commands.changeFromHome(chatUser(click.user(), false), setting.get(), click.value());
            return;
        }
        if (SlackHome.SHOW.equals(click.actionId())) {
            // From the Home tab there is no channel: the app's DM with the user (its user id as channel).
            String channel = click.channelId() != null ? click.channelId() : click.user().userId();
            commands.show(chatUser(click.user(), false), channel, click.value() == null ? "" : click.value(),
                    click.responseUrl());
            return;
        }
        ActionId id = ActionId.parse(click.actionId()).orElse(null);
        if (id == null) {
            return;
        }
        ChatUser user = chatUser(click.user(), id.action().ownerOnly() || id.action() == ChatAction.APPROVE
                || id.action() == ChatAction.REJECT);
        try {
            switch (id.action()) {
                case PUBLISH -> moderation.publish(user, actions.authorize(user, id), click);
                case APPROVE, REJECT -> moderation.decide(user, id, click);
                default -> jobs.click(user, id, click);
            }
        } catch (ChatActionException e) {
            slack.respondEphemeral(click.responseUrl(), e.getMessage());
        } catch (SlackCallException e) {
            log.warn("Slack click {} failed: {}", id.action(), e.getMessage());
            slack.respondEphemeral(click.responseUrl(), "Slack refused that (" + e.error() + ").");
        }
    }

    /**
     * {@code @bot …} in a channel: the assistant's answer (or {@link ChatAssistant#OFF}) in the
     * mention's thread. Blocks for the LLM round trips: runs on the bot's executor.
     */
    void mention(SlackUser user, String channelId, String threadTs, String text) {
        String answer = assistant.answer(chatUser(user, false), channelId, text);
        try {
            slack.postMessage(channelId, threadTs, truncate(answer, MAX_MENTION_REPLY), null);
        } catch (SlackCallException e) {
            log.warn("Slack assistant reply in {} failed: {}", channelId, e.getMessage());
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The App Home tab opened: settings (editable), today's usage, recent generations. */
    void homeOpened(SlackUser user) {
        commands.publishHome(chatUser(user, false));
    }

    /** Submits through the chat layer; tracks the delivery (which posts the pending message), or answers the refusal. */
    private void start(ChatUser user, ImagineOptions options, String channelId, String responseUrl) {
        ImagineOutcome outcome = imagine.submit(user, options, null);
        show(user, outcome, channelId, responseUrl);
    }

    private void show(ChatUser user, ImagineOutcome outcome, String channelId, String responseUrl) {
        switch (outcome) {
            case ImagineOutcome.Refused refused -> slack.respondEphemeral(responseUrl, refusalText(refused.failure()));
            case ImagineOutcome.Accepted accepted ->
                // Tracked first, posted by the delivery's first run (SlackDeliveryChannel): a crash
                // after this line still ends with a message showing the result.
                deliveries.track(user, accepted.generation(), SlackJobActions.target(channelId, user, responseUrl));
        }
    }

    static String refusalText(ChatView.Failure failure) {
        StringBuilder s = new StringBuilder(":warning: ").append(failure.message());
        if (failure.rule() != null) {
            s.append("\nMatched rule: `").append(SlackBlocks.escape(failure.rule())).append('`');
        }
        s.append(" (").append(failure.code()).append(')');
        return s.toString();
    }

    /**
     * The chat user for a Slack user. Moderator status (membership of {@code moderator-group},
     * one Web API call cached for a minute) is looked up only where it matters.
     */
    ChatUser chatUser(SlackUser user, boolean needModeratorStatus) {
        boolean moderator = needModeratorStatus && isModerator(user);
        String tenant = user.workspaceId() == null ? "unknown" : user.workspaceId();
        return new ChatUser(ChatPlatform.SLACK, tenant, user.userId(), user.name() == null ? user.userId() : user.name(),
                moderator ? Set.of(properties.moderatorGroup()) : Set.of(), moderator);
    }

    boolean isModerator(SlackUser user) {
        if (properties.moderatorGroup() == null) {
            return false;
        }
        try {
            return slack.userGroupMembers(properties.moderatorGroup()).contains(user.userId());
        } catch (SlackCallException e) {
            log.warn("Slack moderator group unreadable: {}", e.getMessage());
            return false;
        }
    }
}
