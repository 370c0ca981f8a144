package io.atelier.bot.discord;

import io.atelier.bot.chat.ChatAccounts;
import io.atelier.bot.chat.ChatPlatform;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.interactions.commands.Command;

/** Autocomplete choices for models and templates (Discord shows at most 25). */
class DiscordCatalog {

    static final int MAX_CHOICES = 25;
    static final List<String> ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");

    private final ModelCatalog models;
    private final TemplateService templates;
    private final ChatAccounts accounts;

    DiscordCatalog(ModelCatalog models, TemplateService templates, ChatAccounts accounts) {
        this.models = models;
        this.templates = templates;
        this.accounts = accounts;
    }

    List<Command.Choice> modelChoices(String typed) {
        String q = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
        return models.models().stream()
                .filter(m -> m.id().toLowerCase(Locale.ROOT).contains(q) || m.displayName().toLowerCase(Locale.ROOT).contains(q))
                .limit(MAX_CHOICES)
                .map(m -> new Command.Choice(DiscordMessages.truncate(m.id() + " — " + m.displayName(), 100), m.id()))
                .toList();
    }

    /** Built-in templates plus the guild team's own (none before its first job). */
    List<PromptTemplate> templates(String tenantId) {
        String team = accounts.findTeam(ChatPlatform.DISCORD, tenantId).orElse("");
        return templates.list(team);
    }

    List<Command.Choice> templateChoices(String tenantId, String typed) {
        String q = typed == null ? "" : typed.toLowerCase(Locale.ROOT);
        return templates(tenantId).stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).contains(q))
                .limit(MAX_CHOICES)
                .map(t -> new Command.Choice(DiscordMessages.truncate(t.name()
                        + (t.description() == null ? "" : " — " + t.description()), 100), t.name()))
                .toList();
    }

    List<ModelDescriptor> models() {
        return models.models();
    }
}
