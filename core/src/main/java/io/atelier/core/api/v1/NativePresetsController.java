package io.atelier.core.api.v1;

import io.atelier.core.api.BodyLimit;
import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.preset.FileRole;
import io.atelier.core.prompt.preset.Preset;
import io.atelier.core.prompt.preset.PresetDefinition;
import io.atelier.core.prompt.preset.PresetFile;
import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.prompt.preset.PresetRequirement;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.preset.RequirementType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Presets ({@code /api/v1/presets}): the built-ins (read-only) and the team's own, plus
 * {@code POST /{id}/render} to preview a rendering without generating anything.
 */
@RestController
@RequestMapping("/api/v1/presets")
class NativePresetsController extends NativeTeamCatalog<Preset, PresetDefinition> {

    private final PresetService presets;

    NativePresetsController(PresetService presets) {
        super(presets, "/api/v1/presets", "Preset deleted", Preset::id,
                NativePresetsController::view, NativePresetsController::definition);
        this.presets = presets;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(Caller caller, @PathVariable String id) {
        return entry(caller, id);
    }

    @PutMapping("/{id}")
    Map<String, Object> replace(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return replaceEntry(caller, id, body);
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(Caller caller, @PathVariable String id) {
        return deleteEntry(caller, id);
    }

    /** Renders a preset with {@code prompt}, {@code variables} and {@code files}, as a generation would. */
    @PostMapping("/{id}/render")
    @BodyLimit("${spring.servlet.multipart.max-request-size:60MB}") // files as base64, like an upload
    Map<String, Object> render(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        JsonBody json = JsonBody.of(body);
        Preset preset = presets.get(caller.teamId(), id);
        PresetRendering r = presets.render(caller.teamId(), preset.id(), json.string("prompt").orElse(null),
                PromptJson.variables(body, "variables").orElse(Map.of()), PromptJson.files(body, "files").orElse(Map.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("presetId", preset.id());
        out.put("prompt", r.prompt());
        Map<String, Object> values = new LinkedHashMap<>();
        r.variables().forEach((k, v) -> values.put(k, v instanceof BigDecimal n ? n.stripTrailingZeros().toPlainString() : v));
        out.put("variables", values);
        List<Map<String, Object>> files = new ArrayList<>();
        for (PresetFile f : r.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("key", f.requirementKey());
            file.put("index", f.index());
            file.put("role", f.role().wireName());
            file.put("mimeType", f.image().mimeType());
            file.put("bytes", f.image().bytes().length);
            files.add(file);
        }
        out.put("files", files);
        out.put("model", r.model());
        out.put("aspectRatio", r.aspectRatio() == null ? null : r.aspectRatio().toString());
        out.put("resolution", r.resolution() == null ? null : r.resolution().wireName());
        out.put("template", r.template());
        out.put("negativePrompt", r.negativePrompt());
        return NativeViews.ok(out);
    }

    private static PresetDefinition definition(JsonNode body) {
        JsonBody json = JsonBody.of(body);
        List<PresetRequirement> requirements = new ArrayList<>();
        PromptJson.node(body, "requirements").ifPresent(list -> {
            if (!list.isArray()) {
                throw new JsonFieldException("requirements", "requirements must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                requirements.add(requirement(list.get(i), "requirements[" + i + "]"));
            }
        });
        return new PresetDefinition(json.string("name").orElse(null), json.string("description").orElse(null),
                json.string("prompt").orElse(null), requirements, json.string("model").orElse(null),
                json.string("aspectRatio").orElse(null), json.string("resolution").orElse(null),
                json.string("template").orElse(null), json.string("negativePrompt").orElse(null));
    }

    private static PresetRequirement requirement(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new JsonFieldException(name, name + " must be an object");
        }
        String key = text(node, "key", name).orElseThrow(() -> new JsonFieldException(name + ".key", name + ".key is required"));
        String typeText = text(node, "type", name).orElseThrow(() ->
                new JsonFieldException(name + ".type", name + ".type is required: text, enum, number or file"));
        RequirementType type = RequirementType.parse(typeText).orElseThrow(() ->
                new JsonFieldException(name + ".type", name + ".type must be text, enum, number or file"));
        FileRole role = text(node, "role", name).map(r -> FileRole.parse(r).orElseThrow(() ->
                new JsonFieldException(name + ".role", name + ".role must be source or reference"))).orElse(null);
        Object defaultValue = PromptJson.node(node, "default").map(v -> PromptJson.scalar(v, name + ".default")).orElse(null);
        return new PresetRequirement(key, type, text(node, "label", name).orElse(null),
                text(node, "description", name).orElse(null), bool(node, "required", name),
                defaultValue, PromptJson.strings(node, "options", name + ".options").orElse(List.of()),
                PromptJson.decimal(node, "min", name + ".min").orElse(null),
                PromptJson.decimal(node, "max", name + ".max").orElse(null),
                integer(node, "maxLength", name, 1, 100_000), bool(node, "multiple", name),
                Optional.ofNullable(integer(node, "maxFiles", name, 1, 1000)).orElse(0), role);
    }

    private static Optional<String> text(JsonNode node, String field, String name) {
        return PromptJson.node(node, field).map(v -> {
            if (!v.isString()) {
                throw new JsonFieldException(name + "." + field, name + "." + field + " must be a string");
            }
            return v.stringValue();
        });
    }

    private static boolean bool(JsonNode node, String field, String name) {
        return PromptJson.node(node, field).map(v -> {
            if (!v.isBoolean()) {
                throw new JsonFieldException(name + "." + field, name + "." + field + " must be true or false");
            }
            return v.booleanValue();
        }).orElse(false);
    }

    private static Integer integer(JsonNode node, String field, String name, int min, int max) {
        return PromptJson.node(node, field).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
                throw new JsonFieldException(name + "." + field, name + "." + field + " must be an integer between "
                        + min + " and " + max);
            }
            return v.intValue();
        }).orElse(null);
    }

    static Map<String, Object> view(Preset p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("name", p.name());
        out.put("description", p.description());
        out.put("prompt", p.prompt());
        out.put("requirements", p.requirements().stream().map(NativePresetsController::view).toList());
        out.put("model", p.model());
        out.put("aspectRatio", p.aspectRatio());
        out.put("resolution", p.resolution());
        out.put("template", p.template());
        out.put("negativePrompt", p.negativePrompt());
        out.put("builtIn", p.builtIn());
        out.put("createdAt", p.builtIn() ? null : Timestamps.iso(p.createdAt()));
        out.put("updatedAt", p.builtIn() ? null : Timestamps.iso(p.updatedAt()));
        return out;
    }

    private static Map<String, Object> view(PresetRequirement r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", r.key());
        out.put("type", r.type().wireName());
        out.put("label", r.label());
        out.put("description", r.description());
        out.put("required", r.required());
        out.put("default", r.defaultValue() instanceof BigDecimal n ? n.stripTrailingZeros() : r.defaultValue());
        switch (r.type()) {
            case ENUM -> out.put("options", r.options());
            case NUMBER -> {
                out.put("min", r.min());
                out.put("max", r.max());
            }
            case TEXT -> out.put("maxLength", r.maxLength() == null ? PresetService.DEFAULT_TEXT_LENGTH : r.maxLength());
            case FILE -> {
                out.put("multiple", r.multiple());
                out.put("maxFiles", r.maxFiles());
                out.put("role", r.role() == null ? null : r.role().wireName());
            }
        }
        return out;
    }
}
