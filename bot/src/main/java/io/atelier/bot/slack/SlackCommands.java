package io.atelier.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatDeliveries;
import io.atelier.bot.chat.ChatMeta;
import io.atelier.bot.chat.ChatQuotas;
import io.atelier.bot.chat.ChatSettings;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.bot.chat.ChatSettingsStore;
import io.atelier.bot.chat.ChatTenantSettings;
import io.atelier.bot.chat.ChatUser;
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
import java.util.Optional;

/**
 * The words {@code /imagine} takes besides a prompt, as Discord has them as commands:
 * {@code help}, {@code settings [field=value …|reset]}, {@code show ID}, {@code history}, {@code admin …}
 * (the workspace's moderators' channel and quotas); and the
 * Home tab's settings menus and Show buttons.
 */
class SlackCommands {

    private static final int RECENT = 10;

    private final SlackWebApi slack;
    private final ChatAccounts accounts;
    private final ChatSettingsStore settings;
    private final ChatQuotas quotas;
    private final GenerationService generations;
    private final ChatDeliveries deliveries;
    private final ModelCatalog models;
    private final TemplateService templates;
    private final ChatTenantSettings tenants;

    SlackCommands(SlackWebApi slack, ChatAccounts accounts, ChatSettingsStore settings, ChatQuotas quotas,
                  GenerationService generations, ChatDeliveries deliveries, ModelCatalog models, TemplateService templates,
                  ChatTenantSettings tenants) {
        this.tenants = tenants;
        this.slack = slack;
        this.accounts = accounts;
        this.settings = settings;
        this.quotas = quotas;
        this.generations = generations;
        this.deliveries = deliveries;
        this.models = models;
        this.templates = templates;
    }

    /** The command word of {@code /imagine text}, when the text is one of ours rather than a prompt. */
    static Optional<String> commandOf(String text) {
        String t = text.strip();
        String first = t.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return switch (first) {
            case "help", "history" -> t.contains(" ") ? Optional.empty() : Optional.of(first);
            // Only when the rest reads as settings: "settings of a medieval town" is a prompt.
            case "settings" -> t.matches("(?is)settings(\\s+reset|(\\s+[a-z_]+=\\S+)*)\\s*") ? Optional.of(first) : Optional.empty();
            case "admin" -> t.matches("(?is)admin((\\s+moderation-channel\\s+\\S+)|(\\s+[a-z_]+=\\S+))*\\s*")
                    ? Optional.of(first) : Optional.empty();
            // "show" followed by one word that looks like an id (a prompt "show me a fox" is a prompt).
            case "show" -> t.matches("(?i)show\\s+[0-9a-f-]{8,36}") ? Optional.of(first) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Runs a command word found by {@link #commandOf}. */
    void run(String command, ChatUser user, String channelId, String text, String responseUrl) {
        String rest = text.strip().substring(command.length()).strip();
        switch (command) {
            case "help" -> slack.respondEphemeral(responseUrl, SlackHome.HELP);
            case "settings" -> settingsCommand(user, rest, responseUrl);
            case "show" -> show(user, channelId, rest, responseUrl);
            case "history" -> history(user, responseUrl);
            case "admin" -> admin(user, rest, responseUrl);
            default -> throw new IllegalArgumentException(command);
        }
    }

    /** {@code /imagine settings} alone shows them; {@code field=value} pairs (or {@code reset}) change them. */
    private void settingsCommand(ChatUser user, String args, String responseUrl) {
        ChatSettings now;
        try {
            ChatSettings change = parse(args);
            now = change.equals(ChatSettings.NONE) && !args.equalsIgnoreCase("reset") ? settings.get(user)
                    : settings.update(user, change);
        } catch (GenerationValidationException e) {
            slack.respondEphemeral(responseUrl, ":warning: Settings not changed: " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        String head = args.isEmpty() ? "*Your settings*" : "*Settings saved*";
        slack.respondEphemeral(responseUrl, head + "\n" + SlackHome.describe(now)
                + "\nChange with `/imagine settings model=… ratio=16:9 template=… enhance=on|off` (`default` clears one, "
                + "`reset` all), or on the app's Home tab.");
    }

    /**
     * {@code model=x ratio=16:9 template=t enhance=on|off}, {@code default} clearing a field; {@code reset}
     * clears all.
     *
     * @throws GenerationValidationException naming the field for an unknown field or value
     */
    static ChatSettings parse(String args) {
        if (args.isBlank()) {
            return ChatSettings.NONE;
        }
        if (args.strip().equalsIgnoreCase("reset")) {
            return SlackHome.change("reset", null);
        }
        ChatSettings change = ChatSettings.NONE;
        for (String pair : args.strip().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw GenerationValidationException.invalid("settings", "write settings as field=value, e.g. ratio=16:9");
            }
            String field = pair.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = pair.substring(eq + 1);
            String key = switch (field) {
                case "model" -> "model";
                case "ratio", "ar", "aspect_ratio" -> "aspect_ratio";
                case "template" -> "template";
                case "enhance" -> "enhance";
                default -> throw GenerationValidationException.invalid(field, "unknown setting " + field
                        + " (model, ratio, template, enhance)");
            };
            if (key.equals("enhance") && !List.of("on", "off", SlackHome.DEFAULT).contains(value.toLowerCase(Locale.ROOT))) {
                throw GenerationValidationException.invalid("enhance", "enhance is on, off or default");
            }
            change = change.merge(SlackHome.change(key, key.equals("enhance") ? value.toLowerCase(Locale.ROOT) : value));
        }
        return change;
    }

    /**
     * {@code /imagine show ID} (or Show on the Home tab): the generation as a new message with its
     * buttons, tracked by a delivery like a fresh {@code /imagine} (one still running keeps updating).
     */
    void show(ChatUser user, String channelId, String id, String responseUrl) {
        Caller caller = accounts.callerFor(user);
        Optional<Generation> found = generations.find(caller, id.strip());
        if (found.isEmpty()) {
            slack.respondEphemeral(responseUrl, ":warning: No generation `" + SlackBlocks.escape(id) + "` in this workspace.");
            return;
        }
        deliveries.track(user, found.get(), SlackJobActions.target(channelId, user, responseUrl));
    }

    /**
     * {@code /imagine admin moderation-channel #channel} and {@code /imagine admin user_daily=5 workspace_daily=200 …}:
     * this workspace's own moderators' channel and quotas, for its admins and owners; {@code /imagine admin} shows them.
     */
    private void admin(ChatUser user, String args, String responseUrl) {
        ChatTenantSettings.Settings change;
        try {
            change = parseAdmin(args);
        } catch (GenerationValidationException e) {
            slack.respondEphemeral(responseUrl, ":warning: Not changed: " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        boolean changing = !change.equals(ChatTenantSettings.Settings.NONE);
        if (changing && !slack.isWorkspaceAdmin(user.userId())) {
            slack.respondEphemeral(responseUrl, ":warning: Only workspace admins and owners can change the workspace's settings.");
            return;
        }
        ChatTenantSettings.Settings now;
        try {
            now = changing ? tenants.update(ChatPlatform.SLACK, user.tenantId(), change) : tenants.get(ChatPlatform.SLACK, user.tenantId());
        } catch (GenerationValidationException e) {
            slack.respondEphemeral(responseUrl, ":warning: Not changed: " + e.getMessage() + " (" + e.code() + ")");
            return;
        }
        slack.respondEphemeral(responseUrl, (changing ? "*Workspace settings saved*" : "*Workspace settings*")
                + "\nModerators' channel: " + (now.moderationChannel() == null ? "the configured one" : "<#" + now.moderationChannel() + ">")
                + "\nPer member: " + quota(now.userConcurrent()) + " at once, " + quota(now.userDaily()) + " a day"
                + "\nWhole workspace: " + quota(now.tenantConcurrent()) + " at once, " + quota(now.tenantDaily()) + " a day");
    }

    private static String quota(Integer q) {
        return q == null ? "global" : q == 0 ? "unlimited" : q.toString();
    }

    /** {@code moderation-channel <#C123|name>} (or a bare id) and {@code field=N} quota pairs. */
    static ChatTenantSettings.Settings parseAdmin(String args) {
        ChatTenantSettings.Settings change = ChatTenantSettings.Settings.NONE;
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equalsIgnoreCase("moderation-channel") && i + 1 < words.length) {
                String channel = words[++i].replaceAll("^<#([A-Z0-9]+)(\\|[^>]*)?>$", "$1");
                if (!channel.matches("[A-Z0-9]{2,64}")) {
                    throw GenerationValidationException.invalid("moderation-channel", "name the channel as #channel");
                }
                change = change.with(new ChatTenantSettings.Settings(channel, null, null, null, null));
                continue;
            }
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw GenerationValidationException.invalid("admin", "write moderation-channel #channel or quota=N");
            }
            String field = w.substring(0, eq).toLowerCase(Locale.ROOT);
            int n;
            try {
                n = Integer.parseInt(w.substring(eq + 1));
            } catch (NumberFormatException e) {
                throw GenerationValidationException.invalid(field, field + " must be a whole number (0: unlimited)");
            }
            change = change.with(switch (field) {
                case "user_daily" -> new ChatTenantSettings.Settings(null, null, n, null, null);
                case "user_concurrent" -> new ChatTenantSettings.Settings(null, n, null, null, null);
                case "workspace_daily" -> new ChatTenantSettings.Settings(null, null, null, null, n);
                case "workspace_concurrent" -> new ChatTenantSettings.Settings(null, null, null, n, null);
                default -> throw GenerationValidationException.invalid(field, "unknown setting " + field
                        + " (user_daily, user_concurrent, workspace_daily, workspace_concurrent)");
            });
        }
        return change;
    }

    private void history(ChatUser user, String responseUrl) {
        List<Generation> mine = recent(user);
        List<LayoutBlock> blocks = new ArrayList<>(SlackHome.recentBlocks(mine));
        slack.respondEphemeral(responseUrl, "Your recent generations", blocks);
    }

    /** A settings menu (or Reset) on the Home tab: saves the change and shows the tab again. */
    void changeFromHome(ChatUser user, String field, String value) {
        try {
            settings.update(user, SlackHome.change(field, value));
        } catch (GenerationValidationException e) {
            // The menus offer only valid values; a model removed since the tab was drawn lands here.
        }
        publishHome(user);
    }

    /** The Home tab, drawn for this user. */
    void publishHome(ChatUser user) {
        List<String> modelIds = models.models().stream().map(ModelDescriptor::id).toList();
        Caller caller = accounts.callerFor(user);
        slack.publishHome(user.userId(), SlackHome.home(recent(user), settings.get(user), quotas.usage(user), modelIds,
                templates.names(caller.teamId())));
    }

    private List<Generation> recent(ChatUser user) {
        Caller caller = accounts.callerFor(user);
        List<Generation> mine = new ArrayList<>();
        for (Generation g : generations.list(caller, null, 100, 0).items()) {
            if (ChatMeta.principal(g).map(user.principal()::equals).orElse(false)) {
                mine.add(g);
                if (mine.size() == RECENT) {
                    break;
                }
            }
        }
        return mine;
    }
}
