package io.atelier.tools.mcp;

import io.atelier.core.generation.GenerationService;
import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.tools.AtelierTools;
import io.atelier.tools.ToolCaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Completes the argument schemas LangChain4j derives from the {@code @Tool} methods with what its
 * schema model cannot say: the allowed values (models of the catalog, the caller's templates,
 * common aspect ratios, statuses), numeric ranges, and {@code additionalProperties: false}. The
 * names, types, descriptions and required lists stay LangChain4j's.
 */
@Component
class McpToolSchemas {

    /** Ratios offered as choices; {@code --ar} in the prompt takes any W:H from 1:8 to 8:1. */
    static final List<String> ASPECT_RATIOS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9",
            "9:21", "21:9");
    static final List<String> STATUSES = List.of("queued", "processing", "succeeded", "failed", "canceled");

    private final ModelCatalog catalog;
    private final TemplateService templates;

    McpToolSchemas(ModelCatalog catalog, TemplateService templates) {
        this.catalog = catalog;
        this.templates = templates;
    }

    /** The input schema of {@code tool} for this caller (a new map; {@code base} is not changed). */
    @SuppressWarnings("unchecked")
    Map<String, Object> inputSchema(String tool, Map<String, Object> base, ToolCaller who) {
        Map<String, Object> schema = new LinkedHashMap<>(base);
        Map<String, Object> properties = new LinkedHashMap<>();
        Object given = base.get("properties");
        if (given instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                Map<String, Object> property = new LinkedHashMap<>((Map<String, Object>) value);
                constrain(tool, (String) name, property, who);
                properties.put((String) name, property);
            });
        }
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** A clear message when {@code arguments} has a name the tool does not take, else null. */
    String unknownArgument(String tool, Map<String, Object> base, Map<String, Object> arguments) {
        if (arguments == null || !(base.get("properties") instanceof Map<?, ?> properties)) {
            return null;
        }
        for (String name : arguments.keySet()) {
            if (!properties.containsKey(name)) {
                return "Unknown argument '" + name + "' for " + tool + "; it takes "
                        + (properties.isEmpty() ? "no arguments" : String.join(", ", new TreeSet<>(
                        properties.keySet().stream().map(Object::toString).toList()))) + ".";
            }
        }
        return null;
    }

    private void constrain(String tool, String name, Map<String, Object> property, ToolCaller who) {
        switch (name) {
            case "model" -> property.put("enum", catalog.models().stream().map(ModelDescriptor::id).toList());
            case "template" -> property.put("enum", templates.names(who.caller().teamId()));
            case "aspect_ratio" -> property.put("enum", ASPECT_RATIOS);
            case "status" -> property.put("enum", STATUSES);
            case "count" -> range(property, 1, catalog.models().stream().mapToInt(m -> m.capabilities().maxCount()).max().orElse(1));
            case "wait_seconds" -> range(property, 0, AtelierTools.MAX_WAIT_SECONDS);
            case "limit" -> range(property, 1, AtelierTools.MAX_LIST);
            case "image_index" -> property.put("minimum", 0);
            case "seed" -> range(property, 0, GenerationService.MAX_SEED);
            default -> {
                // free text or an id: no constraint beyond its type
            }
        }
        if ("generate_image".equals(tool) && "prompt".equals(name)) {
            property.put("minLength", 1);
        }
    }

    private static void range(Map<String, Object> property, long min, long max) {
        property.put("minimum", min);
        property.put("maximum", max);
    }
}
