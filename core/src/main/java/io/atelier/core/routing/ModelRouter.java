package io.atelier.core.routing;

import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Maps the model names that clients know from the seed API documents to the catalog model that
 * serves them here.
 *
 * <p>Order: an operator's route ({@code atelier.models.routes}), then the catalog id itself, then the
 * built-in table below (the first candidate a configured provider serves), then, for the table's names
 * only and while {@code atelier.models.preview-fallback} is on, {@code local/preview}. Any other name
 * stays unknown: a typo is an error, never a silent substitute.
 *
 * <p>Everything is resolved once at start-up into one map, so a request costs one lookup and no query.
 */
@Component
public class ModelRouter {

    /** The seed documents' names and the catalog ids that can serve each, best first. */
    static final Map<String, List<String>> SEED_NAMES = seedNames();

    private final ModelCatalog catalog;
    /** Requested name (lower case) to the catalog model it means. */
    private final Map<String, ModelDescriptor> routed;

    public ModelRouter(ModelCatalog catalog, ModelsProperties properties) {
        this.catalog = catalog;
        Map<String, ModelDescriptor> table = new HashMap<>();
        ModelDescriptor preview = catalog.find(ModelCatalog.LOCAL_PROVIDER + "/preview").map(ModelCatalog.Entry::model)
                .orElse(null);
        SEED_NAMES.forEach((name, candidates) -> candidates.stream()
                .flatMap(id -> catalog.find(id).map(ModelCatalog.Entry::model).stream()).findFirst()
                .or(() -> properties.previewFallback() ? Optional.ofNullable(preview) : Optional.empty())
                .ifPresent(model -> table.put(key(name), model)));
        List<String> problems = new ArrayList<>();
        properties.routes().forEach((name, target) -> {
            Optional<ModelDescriptor> model = catalog.find(target).map(ModelCatalog.Entry::model);
            if (model.isEmpty()) {
                problems.add("route '" + name + "' points at '" + target + "', which is not a model of the catalog");
            } else {
                table.put(key(name), model.get());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("atelier.models.routes: " + String.join("; ", problems) + " (catalog models: "
                    + String.join(", ", catalog.models().stream().map(ModelDescriptor::id).toList()) + ")");
        }
        this.routed = Map.copyOf(table);
    }

    /**
     * The catalog model for a requested name: a catalog id, a routed name, or empty when unknown.
     * Catalog ids win unless an operator routed that very name elsewhere.
     */
    public Optional<ModelDescriptor> route(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        String name = requested.strip();
        ModelDescriptor routedModel = routed.get(key(name));
        if (routedModel != null) {
            return Optional.of(routedModel);
        }
        return catalog.find(name).map(ModelCatalog.Entry::model);
    }

    /** Only the table and the operator's routes, not catalog ids: for dialects that resolve ids themselves. */
    public Optional<ModelDescriptor> routeName(String requested) {
        return requested == null ? Optional.empty() : Optional.ofNullable(routed.get(key(requested.strip())));
    }

    /** Every routed name and the catalog id it goes to, sorted by name: for the landing page and docs. */
    public Map<String, String> routes() {
        Map<String, String> out = new LinkedHashMap<>();
        routed.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.put(e.getKey(), e.getValue().id()));
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> seedNames() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        // OpenAI (Apertis, Cuppa, Recoup's examples).
        m.put("gpt-image-1", List.of("openai/gpt-image-1"));
        m.put("gpt-image-1-all", List.of("openai/gpt-image-1", "openai/gpt-image-1.5"));
        m.put("gpt-image-1.5", List.of("openai/gpt-image-1.5"));
        m.put("gpt-image-1-mini", List.of("openai/gpt-image-1-mini"));
        m.put("gpt-image-2", List.of("openai/gpt-image-2"));
        m.put("dall-e-2", List.of("openai/dall-e-2"));
        m.put("dall-e-3", List.of("openai/dall-e-3"));
        // Black Forest Labs' Kontext, as Apertis names them; served here through Replicate.
        m.put("flux-kontext-pro", List.of("replicate/black-forest-labs/flux-kontext-pro"));
        m.put("flux-kontext-max", List.of("replicate/black-forest-labs/flux-kontext-max"));
        // Google (v0's default, Cuppa's replicate:nano-banana-pro).
        m.put("gemini-3-pro-image-preview", List.of("gemini/gemini-3-pro-image-preview",
                "replicate/google/nano-banana-pro"));
        m.put("gemini-2.5-flash-image", List.of("gemini/gemini-2.5-flash-image", "replicate/google/nano-banana"));
        m.put("replicate:nano-banana-pro", List.of("replicate/google/nano-banana-pro",
                "gemini/gemini-3-pro-image-preview"));
        m.put("replicate:nano-banana", List.of("replicate/google/nano-banana", "gemini/gemini-2.5-flash-image"));
        m.put("nano-banana-pro", List.of("replicate/google/nano-banana-pro", "gemini/gemini-3-pro-image-preview"));
        m.put("nano-banana", List.of("replicate/google/nano-banana", "gemini/gemini-2.5-flash-image"));
        return m;
    }
}
