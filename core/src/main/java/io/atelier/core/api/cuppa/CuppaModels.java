package io.atelier.core.api.cuppa;

import io.atelier.core.api.JsonBody;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCatalog;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.Resolution;
import io.atelier.core.routing.ModelRouter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Cuppa's model names and model-specific settings over Atelier's catalog.
 *
 * <p><b>Names</b> ({@link #resolve}): a catalog id ({@code openai/gpt-image-1}); Cuppa's
 * {@code provider:name} spelling ({@code openai:gpt-image-1}, {@code local:preview}); or a bare name
 * ({@code gpt-image-1}, {@code preview}) meaning the catalog model of that name, the {@code openai}
 * provider's first when several providers serve it. Nothing else is guessed: an unknown name is a
 * 400 {@code model_not_found}, except the seed documents' names that {@link ModelRouter} routes
 * ({@code replicate:nano-banana-pro} → {@code local/preview} on a fresh install). Only the bulk default ({@code gpt-image-1}, not chosen by the client)
 * falls back to the catalog default when no provider serves it.
 *
 * <p><b>Settings</b> ({@link #rules}): as the document says, OpenAI-family models (provider
 * {@code openai}, or a name starting {@code gpt-image}) take {@code size}; every other model
 * ({@code local/preview} included) takes {@code aspect_ratio}. {@code resolution} is taken by
 * non-OpenAI models that render any size (today {@code local/preview}), with the values whose long
 * side the model can render.
 */
@Component
class CuppaModels {

    static final String BULK_DEFAULT_MODEL = "gpt-image-1";
    static final int MAX_PROMPT_LENGTH = 1000;
    static final List<String> SIZES = List.of("1024x1024", "1536x1024", "1024x1536");
    static final String DEFAULT_SIZE = "1536x1024";
    static final List<String> ASPECT_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5",
            "21:9", "9:21");
    static final String DEFAULT_ASPECT_RATIO = "16:9";
    static final List<String> RESOLUTIONS = List.of("1K", "2K", "4K");

    private final ModelCatalog catalog;
    private final ModelRouter router;

    CuppaModels(ModelCatalog catalog, ModelRouter router) {
        this.catalog = catalog;
        this.router = router;
    }

    /**
     * What a model accepts in Cuppa's {@code settings}.
     *
     * @param openAiFamily takes {@code size} (and not {@code aspect_ratio})
     * @param sizes        the document's sizes this model renders (OpenAI family only)
     * @param defaultSize  {@code 1536x1024} when rendered, else the first of {@code sizes}; null without sizes
     * @param aspectRatios the document's ratios (non-OpenAI models only)
     * @param resolutions  allowed {@code resolution} values; empty = the setting is refused
     */
    record Rules(boolean openAiFamily, List<String> sizes, String defaultSize, List<String> aspectRatios,
                 List<String> resolutions) {
    }

    List<ModelDescriptor> models() {
        return catalog.models();
    }

    ModelDescriptor defaultModel() {
        return catalog.defaultModel();
    }

    /** The catalog model a Cuppa model name means; empty when none (see the class comment). */
    Optional<ModelDescriptor> resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.empty();
        }
        String name = requested.strip();
        return catalogName(name).or(() -> router.routeName(name));
    }

    /** The catalog spellings only; {@link #resolve} adds the routing table's seed names. */
    private Optional<ModelDescriptor> catalogName(String name) {
        Optional<ModelDescriptor> exact = catalog.find(name).map(ModelCatalog.Entry::model);
        if (exact.isPresent()) {
            return exact;
        }
        int colon = name.indexOf(':');
        if (colon > 0 && name.lastIndexOf('/', colon) < 0) {
            return catalog.find(name.substring(0, colon) + "/" + name.substring(colon + 1)).map(ModelCatalog.Entry::model);
        }
        if (name.contains("/") || name.contains(":")) {
            return Optional.empty();
        }
        List<ModelDescriptor> named = catalog.models().stream().filter(m -> m.name().equalsIgnoreCase(name)).toList();
        return named.stream().filter(m -> m.provider().equals("openai")).findFirst().or(() -> named.stream().findFirst());
    }

    /** {@link #resolve}, or 400 {@code model_not_found} naming the field and the known models. */
    ModelDescriptor require(String field, String requested) {
        return resolve(requested).orElseThrow(() -> new CuppaApiException(HttpStatus.BAD_REQUEST, CuppaErrors.MODEL_NOT_FOUND,
                field, "unknown model '" + requested + "'; GET /v1/meta/image_models lists the models: "
                + String.join(", ", catalog.models().stream().map(ModelDescriptor::id).toList()), null));
    }

    /** Bulk's model: the given one (400 when unknown), else {@code gpt-image-1} when served, else the catalog default. */
    ModelDescriptor bulkModel(String requested) {
        if (requested == null) {
            return resolve(BULK_DEFAULT_MODEL).orElseGet(catalog::defaultModel);
        }
        return require("model", requested);
    }

    /** Other names that {@link #resolve} maps to this model, for the catalog listing. */
    List<String> aliases(ModelDescriptor model) {
        List<String> out = new ArrayList<>();
        out.add(model.provider() + ":" + model.name());
        if (!model.name().contains("/") && !model.name().contains(":")
                && resolve(model.name()).filter(m -> m.id().equals(model.id())).isPresent()) {
            out.add(model.name());
        }
        return out;
    }

    static boolean isOpenAiFamily(ModelDescriptor model) {
        return model.provider().equals("openai") || model.name().toLowerCase(Locale.ROOT).startsWith("gpt-image");
    }

    static Rules rules(ModelDescriptor model) {
        return rules(model, null);
    }

    /**
     * The rules for a model as the client named it: a document's OpenAI name ({@code gpt-image-1})
     * routed to a model that renders any size ({@code local/preview} on a fresh install) keeps the
     * OpenAI rules, so the client's {@code settings.size} works unchanged.
     */
    static Rules rules(ModelDescriptor model, String requestedName) {
        boolean openAiName = requestedName != null && requestedName.strip().toLowerCase(Locale.ROOT).matches("(openai:)?(gpt-image|dall-e).*");
        if (isOpenAiFamily(model) || openAiName && model.capabilities().anySize()) {
            List<String> sizes = SIZES.stream()
                    .filter(s -> model.capabilities().supports(ImageSize.parse(s).orElseThrow())).toList();
            String defaultSize = sizes.contains(DEFAULT_SIZE) ? DEFAULT_SIZE : sizes.isEmpty() ? null : sizes.getFirst();
            return new Rules(true, sizes, defaultSize, List.of(), List.of());
        }
        List<String> resolutions = model.capabilities().anySize()
                ? Arrays.stream(Resolution.values()).filter(r -> r.longSide() <= model.capabilities().maxPixelSide())
                        .map(Resolution::wireName).toList()
                : List.of();
        return new Rules(false, List.of(), null, ASPECT_RATIOS, resolutions);
    }

    /**
     * Applies Cuppa's {@code settings} (absent = defaults) to a request for {@code model}: the size
     * or ratio the document's rules allow, with its defaults ({@code 1536x1024}, {@code 16:9}).
     *
     * @throws CuppaApiException 400 naming {@code settings.*} for a value outside the document's
     *                           enums or a setting this model does not take
     */
    static void applySettings(GenerationRequest.Builder request, ModelDescriptor model, Optional<JsonBody> settings) {
        applySettings(request, model, null, settings);
    }

    static void applySettings(GenerationRequest.Builder request, ModelDescriptor model, String requestedName,
                              Optional<JsonBody> settings) {
        Rules rules = rules(model, requestedName);
        String size = settings.flatMap(s -> s.string("size")).orElse(null);
        String ratio = settings.flatMap(s -> s.string("aspect_ratio")).orElse(null);
        String resolution = settings.flatMap(s -> s.string("resolution")).orElse(null);
        if (size != null) {
            if (!SIZES.contains(size)) {
                throw CuppaApiException.invalid("settings.size", "settings.size must be one of " + String.join(", ", SIZES));
            }
            if (!rules.openAiFamily()) {
                throw CuppaApiException.invalid("settings.size", "settings.size is for OpenAI models only; model "
                        + model.id() + " takes settings.aspect_ratio");
            }
            if (!rules.sizes().contains(size)) {
                throw CuppaApiException.invalid("settings.size", "model " + model.id() + " does not render " + size
                        + "; it renders " + String.join(", ", rules.sizes()));
            }
        }
        if (ratio != null) {
            if (!ASPECT_RATIOS.contains(ratio)) {
                throw CuppaApiException.invalid("settings.aspect_ratio", "settings.aspect_ratio must be one of "
                        + String.join(", ", ASPECT_RATIOS));
            }
            if (rules.openAiFamily()) {
                throw CuppaApiException.invalid("settings.aspect_ratio", "settings.aspect_ratio is not valid for OpenAI model "
                        + model.id() + "; use settings.size");
            }
        }
        if (resolution != null) {
            if (!RESOLUTIONS.contains(resolution)) {
                throw CuppaApiException.invalid("settings.resolution", "settings.resolution must be 1K, 2K or 4K");
            }
            if (!rules.resolutions().contains(resolution)) {
                throw CuppaApiException.invalid("settings.resolution", "settings.resolution is not valid for model "
                        + model.id() + (rules.resolutions().isEmpty() ? "" : "; it takes " + String.join(", ", rules.resolutions())));
            }
        }
        applyDefaults(request, rules, size, ratio);
        if (resolution != null) {
            request.resolution(Resolution.parse(resolution).orElseThrow());
        }
    }

    /** Size for the OpenAI family, ratio otherwise; the given value or the document's default. */
    static void applyDefaults(GenerationRequest.Builder request, Rules rules, String size, String ratio) {
        if (rules.openAiFamily()) {
            String chosen = size != null ? size : rules.defaultSize();
            if (chosen != null) {
                request.size(ImageSize.parse(chosen).orElseThrow());
            }
        } else {
            request.aspectRatio(AspectRatio.parse(ratio != null ? ratio : DEFAULT_ASPECT_RATIO).orElseThrow());
        }
    }

    /** One entry of {@code GET /v1/meta/image_models}. */
    Map<String, Object> view(ModelDescriptor model, boolean isDefault, boolean bulkDefault) {
        Rules rules = rules(model);
        Map<String, Object> settings = new LinkedHashMap<>();
        if (rules.openAiFamily()) {
            if (!rules.sizes().isEmpty()) {
                settings.put("size", setting(rules.sizes(), rules.defaultSize()));
            }
        } else {
            settings.put("aspect_ratio", setting(rules.aspectRatios(), DEFAULT_ASPECT_RATIO));
            if (!rules.resolutions().isEmpty()) {
                settings.put("resolution", setting(rules.resolutions(), Resolution.R1K.wireName()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", model.id());
        out.put("name", model.displayName());
        out.put("provider", model.provider());
        out.put("description", model.description());
        out.put("aliases", aliases(model));
        out.put("default", isDefault);
        out.put("bulk_default", bulkDefault);
        out.put("settings", settings);
        out.put("max_prompt_length", Math.min(MAX_PROMPT_LENGTH, model.promptLimit()));
        out.put("credit_cost", model.creditCost());
        return out;
    }

    private static Map<String, Object> setting(List<String> values, String defaultValue) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("values", values);
        out.put("default", defaultValue);
        return out;
    }
}
