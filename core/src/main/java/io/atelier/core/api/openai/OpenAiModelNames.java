package io.atelier.core.api.openai;

import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.routing.ModelRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The model names the OpenAI dialect accepts: every catalog id ({@code local/preview},
 * {@code openai/gpt-image-1}) plus the configured aliases ({@code gpt-image-1 → openai/gpt-image-1}).
 * plus the seed documents' names that {@link ModelRouter} routes ({@code dall-e-3} → {@code local/preview} on a
 * fresh install). Nothing else: an unknown name is OpenAI's 404 {@code model_not_found}.
 *
 * <p>Aliases are checked when the application starts: an alias whose target is not in the catalog,
 * or that hides a catalog id, stops the start with a message naming it.
 */
@Component
class OpenAiModelNames {

    /** OpenAI's documented default model, used as an alias name when a request names no model. */
    static final String OPENAI_DEFAULT_MODEL = "dall-e-2";

    private final ModelCatalog catalog;
    private final ModelRouter router;
    private final Map<String, String> aliases;
    /** Models by their name within their provider, for names exactly one provider serves. */
    private final Map<String, ModelDescriptor> byProviderName;

    /**
     * A resolved model.
     *
     * @param requestedName the name the client sent, or {@value #OPENAI_DEFAULT_MODEL} when it sent none
     * @param model         the catalog model that will run
     */
    record ResolvedModel(String requestedName, ModelDescriptor model) {

        /**
         * Whether the client asked for a GPT Image model ({@code gpt-image-1}, {@code openai/gpt-image-1.5} …),
         * whose OpenAI answers carry base64 images and the {@code size}/{@code output_format} fields.
         */
        boolean gptImageFamily() {
            return isGptImageName(requestedName) || isGptImageName(model.name());
        }
    }

    OpenAiModelNames(ModelCatalog catalog, ModelRouter router, OpenAiCompatProperties properties) {
        this.catalog = catalog;
        this.router = router;
        this.aliases = properties.aliases();
        Map<String, List<ModelDescriptor>> named = catalog.models().stream()
                .collect(Collectors.groupingBy(ModelDescriptor::name));
        this.byProviderName = named.entrySet().stream().filter(e -> e.getValue().size() == 1)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().get(0)));
        List<String> problems = new ArrayList<>();
        aliases.forEach((alias, target) -> {
            if (alias.isEmpty()) {
                problems.add("an alias has an empty name");
            } else if (catalog.find(target).isEmpty()) {
                problems.add("alias '" + alias + "' points at '" + target + "', which is not a model of the catalog");
            } else if (catalog.find(alias).isPresent()) {
                problems.add("alias '" + alias + "' has the name of a catalog model; remove the alias");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("atelier.openai-compat.aliases: " + String.join("; ", problems)
                    + " (catalog models: " + String.join(", ", catalog.models().stream().map(ModelDescriptor::id).toList())
                    + ")");
        }
    }

    /**
     * The model for a request's {@code model} parameter; {@code null} means the request named none:
     * the {@value #OPENAI_DEFAULT_MODEL} alias when configured, else the catalog's default model.
     *
     * @throws OpenAiApiException 404 {@code model_not_found} for any other unknown name
     */
    ResolvedModel resolve(String requested) {
        if (requested == null) {
            String target = aliases.get(OPENAI_DEFAULT_MODEL);
            ModelDescriptor model = target != null ? catalog.find(target).orElseThrow().model() : catalog.defaultModel();
            return new ResolvedModel(OPENAI_DEFAULT_MODEL, model);
        }
        return find(requested).map(model -> new ResolvedModel(requested, model))
                .orElseThrow(() -> modelNotFound(requested));
    }

    /**
     * The catalog model behind a name, matched exactly as OpenAI does: a catalog id, an alias, or the
     * provider's own name of a model ({@code gpt-image-1} for {@code openai/gpt-image-1}) when exactly
     * one configured provider serves a model of that name.
     */
    Optional<ModelDescriptor> find(String name) {
        String target = aliases.get(name);
        Optional<ModelDescriptor> exact = catalog.find(target != null ? target : name)
                .filter(entry -> target != null || entry.model().id().equals(name))
                .map(ModelCatalog.Entry::model);
        if (exact.isPresent() || target != null || name.contains("/")) {
            return exact;
        }
        // A configured provider's own name first (gpt-image-1 -> openai/gpt-image-1: one map lookup, the
        // gateway path), then the routing table's seed names (gpt-image-1 -> local/preview on a fresh install).
        ModelDescriptor byName = byProviderName.get(name);
        return byName != null ? Optional.of(byName) : router.routeName(name);
    }

    List<ModelDescriptor> catalogModels() {
        return catalog.models();
    }

    Map<String, String> aliases() {
        return aliases;
    }

    static OpenAiApiException modelNotFound(String name) {
        return OpenAiApiException.builder(HttpStatus.NOT_FOUND, "The model '" + name + "' does not exist")
                .param("model").code("model_not_found").build();
    }

    private static boolean isGptImageName(String name) {
        return name != null && name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).startsWith("gpt-image");
    }
}
