package io.atelier.core.api.v0;

import io.atelier.core.account.Caller;
import io.atelier.core.api.JsonBody;
import io.atelier.core.api.JsonFieldException;
import io.atelier.core.generation.GenerationRequest;
import io.atelier.core.generation.GenerationSource;
import io.atelier.core.provider.AspectRatio;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.provider.Resolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a v0 generation body (JSON, or multipart already converted by {@link V0Multipart}) into the
 * core's {@link GenerationRequest}. Checks here are the v0 document's own (types, the 18 ratios, the
 * four resolutions, at most five reference images of each kind); the core validates the rest (model,
 * prompt length, the preset's variables and files) with errors the exception handler renames to v0's
 * field names.
 *
 * <p>The price is v0's: {@code credits[resolution]} per image ({@link V0Properties#credits()}), passed
 * as the request's {@code creditsPerImage}.
 */
@Component
class V0RequestMapper {

    /** Exactly the 18 ratios of the v0 document, in its order; anything else is a 400. */
    static final List<String> ASPECT_RATIOS = List.of("1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4", "4:1",
            "4:3", "4:5", "5:4", "8:1", "9:16", "9:19.5", "16:9", "19.5:9", "21:9");
    static final int MAX_ID_LENGTH = 200;

    private final V0ReferenceImages referenceImages;
    private final V0Properties properties;

    V0RequestMapper(V0ReferenceImages referenceImages, V0Properties properties) {
        this.referenceImages = referenceImages;
        this.properties = properties;
    }

    /**
     * @param body          the JSON object (multipart fields converted to their JSON types)
     * @param files         preset file inputs by requirement key (multipart only; empty for JSON)
     * @param filesAsGiven  what was uploaded, for the stored request
     */
    GenerationRequest toRequest(Caller caller, JsonNode body, Map<String, List<SourceImage>> files,
                                List<Map<String, Object>> filesAsGiven) {
        JsonBody json = JsonBody.of(body);
        String presetId = presetId(json);
        String prompt = presetId != null ? json.string("prompt").orElse(null) : json.requiredString("prompt");
        // No prompt enhancement: v0 clients send the prompt they mean (a preset renders it), and the
        // library's "prompt" is the rendered preset text, as the document shows.
        GenerationRequest.Builder b = GenerationRequest.builder(GenerationSource.V0).prompt(prompt).presetId(presetId)
                .autoEnhance(false);
        json.objectAsMap("variables").ifPresent(b::variables);
        json.string("negativePrompt").ifPresent(b::negativePrompt);
        json.string("modelVersion").ifPresent(model -> {
            if (model.isBlank()) {
                throw new JsonFieldException("modelVersion", "modelVersion must not be empty");
            }
            b.model(properties.catalogModel(model.strip()));
        });
        json.integer("sampleCount", 1, 10).ifPresent(b::count);
        json.bool("isPublic").ifPresent(b::publicRequested);
        json.string("aspectRatio").ifPresent(text -> {
            if (!ASPECT_RATIOS.contains(text)) {
                throw new JsonFieldException("aspectRatio", "aspectRatio must be one of " + String.join(", ", ASPECT_RATIOS));
            }
            b.aspectRatio(AspectRatio.parse(text).orElseThrow());
        });
        String resolution = json.string("resolution").orElse("standard");
        b.resolution(switch (resolution) {
            case "low", "standard" -> Resolution.R1K;
            case "high" -> Resolution.R2K;
            case "4k" -> Resolution.R4K;
            default -> throw new JsonFieldException("resolution", "resolution must be low, standard, high or 4k");
        });
        b.creditsPerImage(properties.creditsPerImage(resolution));
        if (!files.isEmpty()) {
            if (presetId == null) {
                throw new JsonFieldException("presetId", "presetId is required when files are uploaded (file inputs "
                        + String.join(", ", files.keySet()) + " belong to a preset)");
            }
            b.files(files);
        }
        List<Map<String, Object>> referencesAsGiven = new ArrayList<>();
        b.referenceImages(referenceImages.read(body, referencesAsGiven));
        b.requestAsGiven(asGiven(body, filesAsGiven, referencesAsGiven));
        return b.build();
    }

    static String presetId(JsonBody json) {
        String presetId = json.string("presetId").map(String::strip).filter(id -> !id.isEmpty()).orElse(null);
        if (presetId != null && presetId.length() > MAX_ID_LENGTH) {
            throw new JsonFieldException("presetId", "presetId must be at most " + MAX_ID_LENGTH + " characters");
        }
        return presetId;
    }

    /** The body as stored with the generation: base64 data replaced by its description, uploads described. */
    private static Map<String, Object> asGiven(JsonNode body, List<Map<String, Object>> files,
                                               List<Map<String, Object>> references) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        copy.remove("refImageBase64");
        Map<String, Object> out = new LinkedHashMap<>(JsonBody.of(copy).toMap());
        out.put("dialect", "v0");
        if (!files.isEmpty()) {
            out.put("files", files);
        }
        if (!references.isEmpty()) {
            out.put("referenceImages", references);
        }
        return out;
    }
}
