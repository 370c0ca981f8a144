package io.atelier.core.api.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The JSON shapes of OpenAI's Images and Models APIs, as Atelier writes them. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    /** {@code {error:{message, type, param, code}}}; {@code param} and {@code code} are written even when null, as OpenAI does. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorBody(ErrorDetail error) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorDetail(String message, String type, String param, String code) {
    }

    /**
     * The Images API answer. {@code background}, {@code output_format} and {@code size} are the
     * fields OpenAI adds for GPT Image models; they are left out (not null) for the others.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImagesResponse(
            long created,
            List<ImageData> data,
            String background,
            @JsonProperty("output_format") String outputFormat,
            String size) {
    }

    /** One image: {@code url} and/or {@code b64_json} (see the response-format rules), and the prompt as used. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageData(
            String url,
            @JsonProperty("b64_json") StoredImageBase64 b64Json,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ModelList(String object, List<Model> data) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
