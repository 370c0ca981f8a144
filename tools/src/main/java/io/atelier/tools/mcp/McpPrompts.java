package io.atelier.tools.mcp;

import io.atelier.core.prompt.preset.Preset;
import io.atelier.core.prompt.preset.PresetRendering;
import io.atelier.core.prompt.preset.PresetRequirement;
import io.atelier.core.prompt.preset.PresetService;
import io.atelier.core.prompt.preset.RequirementType;
import io.atelier.core.prompt.template.PromptTemplate;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.prompt.PromptException;
import io.atelier.tools.ToolCaller;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.modelcontextprotocol.spec.McpSchema.PromptArgument;
import io.modelcontextprotocol.spec.McpSchema.PromptMessage;
import io.modelcontextprotocol.spec.McpSchema.Role;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The team's style templates ({@value #STYLE}name) and presets ({@value #PRESET}id) as MCP prompts.
 * {@code prompts/get} returns the ready prompt: a user message that asks for {@code generate_image}
 * with the arguments filled in (a preset is rendered with its variables, validated as the HTTP API
 * does). Presets that need files are not offered: prompt arguments are text.
 */
@Component
class McpPrompts {

    static final String STYLE = "style-";
    static final String PRESET = "preset-";

    private final TemplateService templates;
    private final PresetService presets;

    McpPrompts(TemplateService templates, PresetService presets) {
        this.templates = templates;
        this.presets = presets;
    }

    List<Prompt> list(ToolCaller who) {
        List<Prompt> prompts = new ArrayList<>();
        for (PromptTemplate t : templates.list(who.caller().teamId())) {
            prompts.add(new Prompt(STYLE + t.name(), "Style: " + t.name(), t.description(), List.of(
                    new PromptArgument("subject", "Subject", "What to draw", true),
                    new PromptArgument("aspect_ratio", "Aspect ratio", "W:H such as 16:9 (default 1:1)", false))));
        }
        for (Preset p : presets.list(who.caller().teamId())) {
            if (needsFiles(p)) {
                continue;
            }
            List<PromptArgument> arguments = new ArrayList<>();
            if (p.prompt().contains("{{prompt}}")) {
                arguments.add(new PromptArgument("prompt", "Prompt", "Your own words, inserted into the preset", false));
            }
            for (PresetRequirement r : p.requirements()) {
                if (r.type() != RequirementType.FILE) {
                    arguments.add(new PromptArgument(r.key(), r.label(), describe(r), r.required() && r.defaultValue() == null));
                }
            }
            prompts.add(new Prompt(PRESET + p.id(), "Preset: " + (p.name() == null ? p.id() : p.name()),
                    p.description(), arguments));
        }
        return prompts;
    }

    GetPromptResult get(ToolCaller who, McpSchema.GetPromptRequest request) {
        String name = request.name() == null ? "" : request.name();
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        if (name.startsWith(STYLE)) {
            PromptTemplate template = templates.find(who.caller().teamId(), name.substring(STYLE.length()))
                    .orElseThrow(() -> unknown(name));
            String subject = text(arguments.get("subject"));
            if (subject == null) {
                throw invalid("Missing argument 'subject': what to draw.");
            }
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("prompt", subject);
            call.put("template", template.name());
            String ratio = text(arguments.get("aspect_ratio"));
            if (ratio != null) {
                call.put("aspect_ratio", ratio);
            }
            return result(template.description(), "Generate an image of " + subject + " in the \"" + template.name()
                    + "\" style (" + template.description() + ").", call);
        }
        if (name.startsWith(PRESET)) {
            Preset preset = presets.find(who.caller().teamId(), name.substring(PRESET.length()))
                    .filter(p -> !needsFiles(p)).orElseThrow(() -> unknown(name));
            Map<String, Object> variables = new HashMap<>(arguments);
            String userPrompt = text(variables.remove("prompt"));
            PresetRendering rendering;
            try {
                rendering = presets.render(who.caller().teamId(), preset.id(), userPrompt, variables, Map.of());
            } catch (PromptException e) {
                throw invalid(e.getMessage());
            }
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("prompt", rendering.prompt());
            if (rendering.model() != null) {
                call.put("model", rendering.model());
            }
            if (rendering.aspectRatio() != null) {
                call.put("aspect_ratio", rendering.aspectRatio().label());
            }
            if (rendering.template() != null) {
                call.put("template", rendering.template());
            }
            if (rendering.negativePrompt() != null) {
                call.put("negative_prompt", rendering.negativePrompt());
            }
            return result(preset.description(), "Generate an image: " + rendering.prompt(), call);
        }
        throw unknown(name);
    }

    private static GetPromptResult result(String description, String ask, Map<String, Object> call) {
        StringBuilder text = new StringBuilder(ask).append("\n\nUse the generate_image tool with these arguments:");
        call.forEach((k, v) -> text.append("\n- ").append(k).append(": ").append(v));
        return new GetPromptResult(description, List.of(new PromptMessage(Role.USER, new TextContent(text.toString()))));
    }

    private static boolean needsFiles(Preset p) {
        return p.requirements().stream().anyMatch(r -> r.type() == RequirementType.FILE && r.required());
    }

    private static String describe(PresetRequirement r) {
        String text = r.description() == null ? r.label() : r.description();
        if (!r.options().isEmpty()) {
            text += " (one of: " + String.join(", ", r.options()) + ")";
        }
        if (r.type() == RequirementType.NUMBER) {
            text += " (a number" + (r.min() == null ? "" : " from " + r.min().toPlainString())
                    + (r.max() == null ? "" : " to " + r.max().toPlainString()) + ")";
        }
        return text;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static McpError unknown(String name) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("Unknown prompt '" + name
                + "'. Call prompts/list to see the available ones.").build();
    }

    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }
}
