package io.atelier.core.api.openai;

import io.atelier.core.api.openai.OpenAiModelNames.ResolvedModel;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.provider.ImageSize;
import io.atelier.core.provider.ModelCapabilities;
import io.atelier.core.provider.ModelDescriptor;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns an Images API request (generation or edit) into a {@link GenerationRequest}: every parameter
 * of the Apertis document and of OpenAI's Images API is checked here with OpenAI's error wording;
 * the generation service then applies the core rules once more.
 *
 * <p>Options reach the provider under OpenAI's wire names ({@code quality}, {@code style},
 * {@code output_format}, {@code output_compression}, {@code moderation}, {@code user},
 * {@code safety_identifier}, {@code input_fidelity}). When the model runs on the {@code openai} provider, only what that model
 * family takes is kept, with DALL·E and GPT Image quality words translated ({@code hd ↔ high},
 * {@code standard ↔ medium}), so an alias such as {@code dall-e-3 → openai/gpt-image-1} works; every
 * parameter stays in the request as given.
 */
@Component
class OpenAiRequestMapper {

    static final int MAX_N = 10;
    static final List<String> QUALITIES = List.of("standard", "hd", "low", "medium", "high", "auto");
    static final List<String> RESPONSE_FORMATS = List.of("url", "b64_json");
    static final List<String> STYLES = List.of("vivid", "natural");
    static final List<String> BACKGROUNDS = List.of("transparent", "opaque", "auto");
    static final List<String> MODERATIONS = List.of("low", "auto");
    static final List<String> OUTPUT_FORMATS = List.of("png", "jpeg", "webp");
    static final List<String> INPUT_FIDELITIES = List.of("high", "low");
    static final int MAX_USER_LENGTH = 256;

    /** The two Images API requests, with their prompt limits and parameters (files aside). */
    enum Kind {
        /** {@code POST /v1/images/generations}: the Apertis document's 4000-character prompt limit. */
        GENERATION(4000, Set.of("model", "prompt", "n", "size", "quality", "response_format", "style", "user",
                "safety_identifier", "background", "moderation", "output_format", "output_compression", "stream",
                "partial_images")),
        /** {@code POST /v1/images/edits}: 32,000 characters for gpt-image-1 in the document. */
        EDIT(32000, Set.of("model", "prompt", "n", "size", "quality", "response_format", "style", "user",
                "safety_identifier", "background", "moderation", "output_format", "output_compression", "input_fidelity",
                "stream", "partial_images"));

        private final int promptLimit;
        private final Set<String> parameters;

        Kind(int promptLimit, Set<String> parameters) {
            this.promptLimit = promptLimit;
            this.parameters = parameters;
        }

        int promptLimit() {
            return promptLimit;
        }
    }

    /** How images are returned: OpenAI's two formats, or both (see {@link #responseFormat}). */
    enum ResponseFormat {
        URL, B64_JSON, BOTH;

        boolean url() {
            return this != B64_JSON;
        }

        boolean b64() {
            return this != URL;
        }
    }

    /**
     * A request ready for the generation service.
     *
     * @param model          the resolved model (requested name and catalog model)
     * @param request        what the generation service gets
     * @param responseFormat how the answer carries the images
     */
    record PreparedRequest(ResolvedModel model, GenerationRequest request, ResponseFormat responseFormat) {
    }

    private final OpenAiModelNames names;

    OpenAiRequestMapper(OpenAiModelNames names) {
        this.names = names;
    }

    /**
     * Checks and maps a request.
     *
     * @param edit           the checked files of an edit, or null for a generation
     * @param idempotencyKey the {@code Idempotency-Key} header, or null
     * @throws OpenAiApiException for every bad parameter (400) and an unknown model (404)
     */
    PreparedRequest prepare(Kind kind, RequestParameters p, EditUpload edit, String idempotencyKey) {
        p.rejectUnknown(kind.parameters);
        String prompt = p.requiredString("prompt");
        ResolvedModel resolved = names.resolve(p.string("model").orElse(null));
        ModelDescriptor model = resolved.model();
        ModelCapabilities caps = model.capabilities();

        int limit = Math.min(kind.promptLimit(), model.promptLimit());
        int length = prompt.strip().length();
        if (length > limit) {
            throw OpenAiApiException.invalid("prompt", "string_above_max_length", "Invalid 'prompt': string too long. "
                    + "Expected a string with maximum length " + limit + ", but got a string with length " + length
                    + " instead.");
        }
        int n = p.integer("n", 1, MAX_N).orElse(1);
        if (n > caps.maxCount()) {
            throw OpenAiApiException.invalid("n", "integer_above_max_value", "Invalid 'n': model '"
                    + resolved.requestedName() + "' makes at most " + caps.maxCount() + " image(s) per request, but got "
                    + n + ".");
        }
        ImageSize size = size(p, resolved);
        String quality = p.oneOf("quality", QUALITIES).orElse(null);
        ResponseFormat responseFormat = responseFormat(p, resolved);
        String style = p.oneOf("style", STYLES).orElse(null);
        String background = p.oneOf("background", BACKGROUNDS).orElse(null);
        String moderation = p.oneOf("moderation", MODERATIONS).orElse(null);
        String outputFormat = p.oneOf("output_format", OUTPUT_FORMATS).orElse(null);
        Integer compression = p.integer("output_compression", 0, 100).orElse(null);
        String user = p.string("user").orElse(null);
        String safetyIdentifier = p.string("safety_identifier").orElse(null);
        String fidelity = p.oneOf("input_fidelity", INPUT_FIDELITIES).orElse(null);
        if (p.bool("stream").orElse(false)) {
            throw OpenAiApiException.invalid("stream", "unsupported_value",
                    "Streaming is not supported: leave 'stream' out or send false.");
        }
        p.integer("partial_images", 0, 3);

        checkLength("user", user);
        checkLength("safety_identifier", safetyIdentifier);
        if ("transparent".equals(background) && !caps.transparentBackground()) {
            throw OpenAiApiException.invalid("background", "unsupported_value", "Model '" + resolved.requestedName()
                    + "' cannot make transparent backgrounds; use 'opaque' or 'auto'.");
        }
        List<String> formats = outputFormats(model);
        if (outputFormat != null && !formats.contains(outputFormat)) {
            throw OpenAiApiException.invalid("output_format", "unsupported_value", "Model '" + resolved.requestedName()
                    + "' makes " + RequestParameters.supported(formats) + " images only, not '" + outputFormat + "'.");
        }
        if ("transparent".equals(background) && "jpeg".equals(outputFormat)) {
            throw OpenAiApiException.invalid("background", "unsupported_value",
                    "Transparent backgrounds need output_format 'png' or 'webp'; JPEG has no transparency.");
        }

        Map<String, Object> asGiven = p.asGiven();
        GenerationRequest.Builder request = GenerationRequest.builder(GenerationSource.OPENAI)
                .prompt(prompt)
                // OpenAI clients send the prompt they mean: no template enhancement (the prompt
                // pipeline's moderation still applies); revised_prompt reports what was used.
                .autoEnhance(false)
                .model(model.id())
                .count(n)
                .size(size)
                .background(background)
                .options(options(model, quality, style, moderation, outputFormat, compression, user, safetyIdentifier,
                        fidelity))
                .idempotencyKey(idempotencyKey);
        if (edit != null) {
            request.editImage(new SourceImage(edit.image(), edit.imageInfo().format().mimeType()));
            if (edit.mask() != null) {
                request.mask(new SourceImage(edit.mask(), edit.maskInfo().format().mimeType()));
            }
            asGiven.put("files", edit.filesAsGiven());
        }
        request.requestAsGiven(asGiven);
        return new PreparedRequest(resolved, request.build(), responseFormat);
    }

    private static void checkLength(String param, String value) {
        if (value != null && value.length() > MAX_USER_LENGTH) {
            throw OpenAiApiException.invalid(param, "string_above_max_length", "Invalid '" + param + "': string too long. "
                    + "Expected a string with maximum length " + MAX_USER_LENGTH + ", but got a string with length "
                    + value.length() + " instead.");
        }
    }

    /** The exact size, or null for {@code auto} and absent: the model's default (square, 1K). */
    private static ImageSize size(RequestParameters p, ResolvedModel resolved) {
        String text = p.string("size").orElse("auto");
        if (text.equals("auto")) {
            return null;
        }
        ModelCapabilities caps = resolved.model().capabilities();
        ImageSize size = ImageSize.parse(text).filter(s -> text.equals(s.toString())).orElse(null);
        if (size != null && caps.supports(size)) {
            return size;
        }
        if (caps.anySize()) {
            throw OpenAiApiException.invalid("size", "invalid_value", "Invalid value: '" + text + "'. Supported values "
                    + "are: 'auto' and WIDTHxHEIGHT with each side from 1 to " + caps.maxPixelSide()
                    + " (e.g. '1024x1024', '1792x1024').");
        }
        List<String> allowed = new ArrayList<>(caps.sizes().stream().map(ImageSize::toString).toList());
        allowed.add("auto");
        throw RequestParameters.invalidValue("size", text, allowed);
    }

    /**
     * {@code response_format} when given. Without it, URLs, as OpenAI answers DALL·E requests and
     * as the Apertis examples read them ({@code response.data[0].url}) — except for GPT Image model
     * names, which OpenAI always answers in base64: those get both {@code b64_json} and {@code url},
     * so clients written either way work.
     */
    private static ResponseFormat responseFormat(RequestParameters p, ResolvedModel resolved) {
        return p.oneOf("response_format", RESPONSE_FORMATS)
                .map(v -> v.equals("url") ? ResponseFormat.URL : ResponseFormat.B64_JSON)
                .orElse(resolved.gptImageFamily() ? ResponseFormat.BOTH : ResponseFormat.URL);
    }

    /**
     * Output formats a model produces: GPT Image models of the {@code openai} provider make PNG, JPEG
     * and WebP; every other model (local/preview, DALL·E, unknown backends) makes PNG.
     */
    static List<String> outputFormats(ModelDescriptor model) {
        return family(model) == Family.GPT_IMAGE ? OUTPUT_FORMATS : List.of("png");
    }

    /** Model families of the {@code openai} provider whose parameters differ; OTHER for everything else. */
    private enum Family { GPT_IMAGE, DALL_E_3, DALL_E_2, OTHER_OPENAI, NOT_OPENAI }

    private static Family family(ModelDescriptor model) {
        if (!"openai".equals(model.provider())) {
            return Family.NOT_OPENAI;
        }
        String name = model.name().substring(model.name().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith("gpt-image")) {
            return Family.GPT_IMAGE;
        }
        return switch (name) {
            case "dall-e-3" -> Family.DALL_E_3;
            case "dall-e-2" -> Family.DALL_E_2;
            default -> Family.OTHER_OPENAI;
        };
    }

    private static Map<String, String> options(ModelDescriptor model, String quality, String style, String moderation,
                                               String outputFormat, Integer compression, String user,
                                               String safetyIdentifier, String fidelity) {
        Map<String, String> options = new LinkedHashMap<>();
        Family family = family(model);
        switch (family) {
            case GPT_IMAGE -> {
                put(options, "quality", quality == null ? null : switch (quality) {
                    case "hd" -> "high";
                    case "standard" -> "medium";
                    default -> quality;
                });
                put(options, "moderation", moderation);
                put(options, "output_format", outputFormat);
                put(options, "output_compression", compression == null ? null : compression.toString());
                put(options, "input_fidelity", fidelity);
            }
            case DALL_E_3 -> {
                put(options, "quality", quality == null ? null : switch (quality) {
                    case "hd", "high" -> "hd";
                    default -> "standard";
                });
                put(options, "style", style);
            }
            case DALL_E_2 -> {
                // DALL·E 2 takes neither quality nor style nor output options: PNG, standard only.
            }
            case OTHER_OPENAI -> {
                put(options, "quality", quality);
                put(options, "style", style);
            }
            case NOT_OPENAI -> {
                put(options, "quality", quality);
                put(options, "style", style);
                put(options, "moderation", moderation);
                put(options, "output_format", outputFormat);
                put(options, "output_compression", compression == null ? null : compression.toString());
                put(options, "input_fidelity", fidelity);
            }
        }
        put(options, "user", user);
        put(options, "safety_identifier", safetyIdentifier);
        return options;
    }

    private static void put(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }
}
