package io.atelier.core.prompt.template;

import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.TeamCatalog;
import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Enhancement templates: Banatie's built-ins plus each team's own. Names are matched
 * case-insensitively and stored lower-case; a team cannot reuse a built-in name.
 */
@Service
public class TemplateService implements TeamCatalog<PromptTemplate, TemplateDefinition> {

    public static final int MAX_TEMPLATES_PER_TEAM = 100;
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final TemplateRepository repository;

    TemplateService(TemplateRepository repository) {
        this.repository = repository;
    }

    /** Built-ins first (in Banatie's order), then the team's own by name. */
    @Override
    public List<PromptTemplate> list(String teamId) {
        List<PromptTemplate> all = new ArrayList<>(BuiltInTemplates.all());
        all.addAll(repository.list(teamId));
        return all;
    }

    /** The built-in or team template of this name (any case); empty when there is none. */
    public Optional<PromptTemplate> find(String teamId, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        Optional<PromptTemplate> builtIn = BuiltInTemplates.find(key);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return NAME.matcher(key).matches() ? repository.find(teamId, key) : Optional.empty();
    }

    /** @throws PromptNotFoundException {@code TEMPLATE_NOT_FOUND} */
    @Override
    public PromptTemplate get(String teamId, String name) {
        return find(teamId, name).orElseThrow(() -> notFound(name));
    }

    /** Names the caller may use, for error messages. */
    public List<String> names(String teamId) {
        return list(teamId).stream().map(PromptTemplate::name).toList();
    }

    @Override
    public PromptTemplate create(String teamId, TemplateDefinition definition) {
        String name = validName(definition.name());
        if (BuiltInTemplates.isBuiltIn(name)) {
            throw new PromptConflictException("TEMPLATE_EXISTS", "'" + name + "' is a built-in template; choose another name");
        }
        if (repository.count(teamId) >= MAX_TEMPLATES_PER_TEAM) {
            throw new PromptConflictException("LIMIT_REACHED", "a team can have at most " + MAX_TEMPLATES_PER_TEAM + " templates");
        }
        Instant now = Timestamps.now();
        PromptTemplate template = build(teamId, name, definition, now, now);
        try {
            repository.insert(template);
        } catch (DuplicateKeyException e) {
            throw new PromptConflictException("TEMPLATE_EXISTS", "the team already has a template named '" + name + "'");
        }
        return template;
    }

    /** Replaces a team template; the body's name, when given, must be the same. */
    @Override
    public PromptTemplate replace(String teamId, String name, TemplateDefinition definition) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (BuiltInTemplates.isBuiltIn(key)) {
            throw new PromptConflictException("TEMPLATE_READ_ONLY", "built-in template '" + key + "' cannot be changed");
        }
        PromptTemplate existing = (NAME.matcher(key).matches() ? repository.find(teamId, key) : Optional.<PromptTemplate>empty())
                .orElseThrow(() -> notFound(name));
        if (definition.name() != null && !definition.name().strip().toLowerCase(Locale.ROOT).equals(key)) {
            throw PromptValidationException.invalid("name", "name cannot be changed (delete and create instead)");
        }
        PromptTemplate updated = build(teamId, key, definition, existing.createdAt(), Timestamps.now());
        if (!repository.update(updated)) {
            throw notFound(name);
        }
        return updated;
    }

    @Override
    public void delete(String teamId, String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (BuiltInTemplates.isBuiltIn(key)) {
            throw new PromptConflictException("TEMPLATE_READ_ONLY", "built-in template '" + key + "' cannot be deleted");
        }
        if (!NAME.matcher(key).matches() || !repository.delete(teamId, key)) {
            throw notFound(name);
        }
    }

    private static PromptTemplate build(String teamId, String name, TemplateDefinition d, Instant created, Instant updated) {
        String description = required("description", d.description(), 500);
        String guidance = required("styleGuidance", d.styleGuidance(), 2000);
        if (d.cues() == null || d.cues().isEmpty()) {
            throw PromptValidationException.invalid("cues", "cues must list 1 to 20 style phrases");
        }
        if (d.cues().size() > 20) {
            throw PromptValidationException.invalid("cues", "cues must list 1 to 20 style phrases");
        }
        List<String> cues = new ArrayList<>();
        for (int i = 0; i < d.cues().size(); i++) {
            String cue = d.cues().get(i);
            if (cue == null || cue.isBlank() || cue.strip().length() > 100) {
                throw PromptValidationException.invalid("cues[" + i + "]", "cues[" + i + "] must be 1 to 100 characters");
            }
            cues.add(cue.strip());
        }
        String negative = d.negativePrompt() == null || d.negativePrompt().isBlank() ? null : d.negativePrompt().strip();
        if (negative != null && negative.length() > 1000) {
            throw PromptValidationException.invalid("negativePrompt", "negativePrompt must be at most 1000 characters");
        }
        return new PromptTemplate(name, description, guidance, cues, negative, false, teamId, created, updated);
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw PromptValidationException.invalid("name", "name is required");
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(key).matches()) {
            throw PromptValidationException.invalid("name", "name must be 1-64 characters of a-z, 0-9, '-' and '_', "
                    + "starting with a letter or digit");
        }
        return key;
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw PromptValidationException.invalid(field, field + " is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw PromptValidationException.invalid(field, field + " must be at most " + max + " characters");
        }
        return v;
    }

    private static PromptNotFoundException notFound(String name) {
        return new PromptNotFoundException("TEMPLATE_NOT_FOUND", "template '" + name + "' not found");
    }
}
