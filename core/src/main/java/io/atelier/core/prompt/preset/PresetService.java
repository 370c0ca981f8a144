package io.atelier.core.prompt.preset;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.TeamCatalog;
import io.atelier.core.prompt.PromptConflictException;
import io.atelier.core.prompt.PromptNotFoundException;
import io.atelier.core.prompt.PromptValidationException;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Presets: the built-ins plus each team's own, their validation, and rendering with a request's
 * variables and files ({@link PresetRenderer}).
 */
@Service
public class PresetService implements TeamCatalog<Preset, PresetDefinition> {

    public static final int MAX_PRESETS_PER_TEAM = 200;
    public static final int MAX_REQUIREMENTS = 30;
    public static final int DEFAULT_TEXT_LENGTH = 1000;
    public static final int DEFAULT_MAX_FILES = 5;
    public static final int MAX_FILES = 10;
    static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final PresetRepository repository;
    private final TemplateService templates;
    private final ModelCatalog catalog;

    PresetService(PresetRepository repository, TemplateService templates, ModelCatalog catalog) {
        this.repository = repository;
        this.templates = templates;
        this.catalog = catalog;
    }

    /** Built-ins first, then the team's own, oldest first. */
    @Override
    public List<Preset> list(String teamId) {
        List<Preset> all = new ArrayList<>(BuiltInPresets.all());
        all.addAll(repository.list(teamId));
        return all;
    }

    public Optional<Preset> find(String teamId, String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String key = id.strip();
        Optional<Preset> builtIn = BuiltInPresets.find(key);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return Ids.isUuid(key) ? repository.find(teamId, key) : Optional.empty();
    }

    /** @throws PromptNotFoundException {@code PRESET_NOT_FOUND} */
    @Override
    public Preset get(String teamId, String id) {
        return find(teamId, id).orElseThrow(() -> notFound(id));
    }

    /**
     * Renders the caller's preset. An unknown preset id is a validation error on {@code presetId}
     * (code {@code PRESET_NOT_FOUND}), since here it is a field of a generation request.
     */
    public PresetRendering render(String teamId, String presetId, String userPrompt, Map<String, ?> variables,
                                  Map<String, List<SourceImage>> files) {
        Preset preset = find(teamId, presetId).orElseThrow(() -> new PromptValidationException("PRESET_NOT_FOUND",
                "presetId", "unknown preset '" + presetId + "'"));
        return PresetRenderer.render(preset, userPrompt, variables, files);
    }

    @Override
    public Preset create(String teamId, PresetDefinition definition) {
        if (repository.count(teamId) >= MAX_PRESETS_PER_TEAM) {
            throw new PromptConflictException("LIMIT_REACHED", "a team can have at most " + MAX_PRESETS_PER_TEAM + " presets");
        }
        Instant now = Timestamps.now();
        Preset preset = validate(teamId, Ids.uuid(), definition, now, now);
        repository.insert(preset);
        return preset;
    }

    @Override
    public Preset replace(String teamId, String id, PresetDefinition definition) {
        if (id != null && BuiltInPresets.isBuiltIn(id.strip())) {
            throw new PromptConflictException("PRESET_READ_ONLY", "built-in preset '" + id.strip() + "' cannot be changed");
        }
        Preset existing = find(teamId, id).orElseThrow(() -> notFound(id));
        Preset updated = validate(teamId, existing.id(), definition, existing.createdAt(), Timestamps.now());
        if (!repository.update(updated)) {
            throw notFound(id);
        }
        return updated;
    }

    @Override
    public void delete(String teamId, String id) {
        if (id != null && BuiltInPresets.isBuiltIn(id.strip())) {
            throw new PromptConflictException("PRESET_READ_ONLY", "built-in preset '" + id.strip() + "' cannot be deleted");
        }
        if (id == null || !Ids.isUuid(id.strip()) || !repository.delete(teamId, id.strip())) {
            throw notFound(id);
        }
    }

    /** Checks a definition and returns it as a preset (normalised: trimmed, canonical names). */
    Preset validate(String teamId, String id, PresetDefinition d, Instant created, Instant updated) {
        String name = text("name", d.name(), 200, true);
        String description = text("description", d.description(), 2000, false);
        String prompt = text("prompt", d.prompt(), 4000, true);
        List<PresetRequirement> requirements = requirements(d.requirements());
        Set<String> keys = new HashSet<>();
        requirements.forEach(r -> keys.add(r.key()));
        for (String placeholder : PresetRenderer.placeholders(prompt)) {
            if (!placeholder.equals(PresetRenderer.PROMPT_KEY) && !keys.contains(placeholder)) {
                throw PromptValidationException.invalid("prompt", "placeholder {{" + placeholder
                        + "}} does not name a requirement (or {{prompt}})");
            }
        }
        String model = text("model", d.model(), 200, false);
        if (model != null) {
            model = catalog.find(model).map(e -> e.model().id()).orElseThrow(() -> new PromptValidationException(
                    "MODEL_NOT_FOUND", "model", "unknown model '" + d.model().strip() + "'; known models: "
                    + String.join(", ", catalog.models().stream().map(ModelDescriptor::id).toList())));
        }
        String aspectRatio = text("aspectRatio", d.aspectRatio(), 16, false);
        if (aspectRatio != null && AspectRatio.parse(aspectRatio).isEmpty()) {
            throw PromptValidationException.invalid("aspectRatio", "aspectRatio must be W:H with a ratio between 1:8 and 8:1, e.g. 16:9");
        }
        String resolution = text("resolution", d.resolution(), 8, false);
        if (resolution != null) {
            resolution = Resolution.parse(resolution).map(Resolution::wireName).orElseThrow(() ->
                    PromptValidationException.invalid("resolution", "resolution must be 1K, 2K or 4K"));
        }
        String template = text("template", d.template(), 64, false);
        if (template != null) {
            String given = template;
            template = templates.find(teamId, template).map(PromptTemplate::name).orElseThrow(() ->
                    PromptValidationException.invalid("template", "unknown template '" + given + "'; known: "
                            + String.join(", ", templates.names(teamId))));
        }
        String negative = text("negativePrompt", d.negativePrompt(), 4000, false);
        return new Preset(id, teamId, name, description, prompt, requirements, model, aspectRatio, resolution, template,
                negative, false, created, updated);
    }

    private static List<PresetRequirement> requirements(List<PresetRequirement> given) {
        List<PresetRequirement> list = given == null ? List.of() : given;
        if (list.size() > MAX_REQUIREMENTS) {
            throw PromptValidationException.invalid("requirements", "a preset has at most " + MAX_REQUIREMENTS + " requirements");
        }
        List<PresetRequirement> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int sources = 0;
        for (int i = 0; i < list.size(); i++) {
            PresetRequirement r = list.get(i);
            String f = "requirements[" + i + "]";
            if (r == null || r.key() == null || !KEY.matcher(r.key()).matches()) {
                throw PromptValidationException.invalid(f + ".key", f + ".key must be a letter then up to 63 letters, digits or '_'");
            }
            if (r.key().equals(PresetRenderer.PROMPT_KEY)) {
                throw PromptValidationException.invalid(f + ".key", "'prompt' is reserved for the user's prompt ({{prompt}})");
            }
            if (!keys.add(r.key())) {
                throw PromptValidationException.invalid(f + ".key", "requirement '" + r.key() + "' is declared twice");
            }
            String label = text(f + ".label", r.label(), 200, false);
            String description = text(f + ".description", r.description(), 1000, false);
            if (r.type() != RequirementType.ENUM && !r.options().isEmpty()) {
                throw PromptValidationException.invalid(f + ".options", "options apply to enum requirements only");
            }
            if (r.type() != RequirementType.NUMBER && (r.min() != null || r.max() != null)) {
                throw PromptValidationException.invalid(f + ".min", "min and max apply to number requirements only");
            }
            if (r.type() != RequirementType.TEXT && r.maxLength() != null) {
                throw PromptValidationException.invalid(f + ".maxLength", "maxLength applies to text requirements only");
            }
            if (r.type() != RequirementType.FILE && (r.multiple() || r.role() != null)) {
                throw PromptValidationException.invalid(f + ".multiple", "multiple and role apply to file requirements only");
            }
            PresetRequirement normalised = switch (r.type()) {
                case TEXT -> {
                    int max = r.maxLength() == null ? DEFAULT_TEXT_LENGTH : r.maxLength();
                    if (max < 1 || max > 4000) {
                        throw PromptValidationException.invalid(f + ".maxLength", f + ".maxLength must be between 1 and 4000");
                    }
                    Object def = r.defaultValue();
                    if (def != null && !(def instanceof String || def instanceof Number || def instanceof Boolean)) {
                        throw PromptValidationException.invalid(f + ".default", f + ".default must be text");
                    }
                    String text = def == null || def.toString().isBlank() ? null : def.toString().strip();
                    if (text != null && text.length() > max) {
                        throw PromptValidationException.invalid(f + ".default", f + ".default is longer than maxLength");
                    }
                    yield new PresetRequirement(r.key(), r.type(), label, description, r.required(), text, List.of(),
                            null, null, r.maxLength(), false, 1, null);
                }
                case ENUM -> {
                    if (r.options().isEmpty() || r.options().size() > 100) {
                        throw PromptValidationException.invalid(f + ".options", f + ".options must list 1 to 100 values");
                    }
                    List<String> options = new ArrayList<>();
                    Set<String> seen = new HashSet<>();
                    for (String o : r.options()) {
                        if (o == null || o.isBlank() || o.strip().length() > 200) {
                            throw PromptValidationException.invalid(f + ".options", f + ".options must be 1 to 200 characters each");
                        }
                        if (!seen.add(o.strip().toLowerCase(Locale.ROOT))) {
                            throw PromptValidationException.invalid(f + ".options", f + ".options lists '" + o.strip() + "' twice");
                        }
                        options.add(o.strip());
                    }
                    String def = null;
                    if (r.defaultValue() != null) {
                        String wanted = r.defaultValue().toString().strip();
                        def = options.stream().filter(o -> o.equalsIgnoreCase(wanted)).findFirst().orElseThrow(() ->
                                PromptValidationException.invalid(f + ".default", f + ".default must be one of its options"));
                    }
                    yield new PresetRequirement(r.key(), r.type(), label, description, r.required(), def, options,
                            null, null, null, false, 1, null);
                }
                case NUMBER -> {
                    if (r.min() != null && r.max() != null && r.min().compareTo(r.max()) > 0) {
                        throw PromptValidationException.invalid(f + ".min", f + ".min must not exceed max");
                    }
                    BigDecimal def = null;
                    if (r.defaultValue() != null) {
                        def = PresetRenderer.toNumber(r.defaultValue());
                        if (def == null) {
                            throw PromptValidationException.invalid(f + ".default", f + ".default must be a number");
                        }
                        if (r.min() != null && def.compareTo(r.min()) < 0 || r.max() != null && def.compareTo(r.max()) > 0) {
                            throw PromptValidationException.invalid(f + ".default", f + ".default must lie between min and max");
                        }
                    }
                    yield new PresetRequirement(r.key(), r.type(), label, description, r.required(), def, List.of(),
                            r.min(), r.max(), null, false, 1, null);
                }
                case FILE -> {
                    if (r.defaultValue() != null) {
                        throw PromptValidationException.invalid(f + ".default", "file requirements have no default");
                    }
                    FileRole role = r.role() == null ? FileRole.REFERENCE : r.role();
                    int maxFiles = 1;
                    if (r.multiple()) {
                        maxFiles = r.maxFiles() <= 1 ? DEFAULT_MAX_FILES : r.maxFiles();
                        if (maxFiles > MAX_FILES) {
                            throw PromptValidationException.invalid(f + ".maxFiles", f + ".maxFiles must be between 2 and " + MAX_FILES);
                        }
                        if (role == FileRole.SOURCE) {
                            throw PromptValidationException.invalid(f + ".multiple", "a source file (the image to edit) is a single file");
                        }
                    }
                    if (role == FileRole.SOURCE && ++sources > 1) {
                        throw PromptValidationException.invalid(f + ".role", "a preset has at most one source file");
                    }
                    yield new PresetRequirement(r.key(), r.type(), label, description, r.required(), null, List.of(),
                            null, null, null, r.multiple(), maxFiles, role);
                }
            };
            out.add(normalised);
        }
        return out;
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw PromptValidationException.invalid(field, field + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw PromptValidationException.invalid(field, field + " must be at most " + max + " characters");
        }
        return v;
    }

    private static PromptNotFoundException notFound(String id) {
        return new PromptNotFoundException("PRESET_NOT_FOUND", "preset '" + id + "' not found");
    }
}
