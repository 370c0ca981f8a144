package io.atelier.core.provider.openai.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The parameters of {@code POST /images/generations} (sent as JSON) and of {@code POST /images/edits}
 * (sent as form fields, see {@link io.atelier.core.provider.http.MultipartForm}). Null fields are left out, so the backend applies
 * its own defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageGenerationRequest(
        String model,
        String prompt,
        Integer n,
        String size,
        @JsonProperty("response_format") String responseFormat,
        String quality,
        String style,
        String background,
        @JsonProperty("output_format") String outputFormat,
        @JsonProperty("output_compression") Integer outputCompression,
        String moderation,
        String user) {
}
