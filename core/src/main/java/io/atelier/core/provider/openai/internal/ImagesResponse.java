package io.atelier.core.provider.openai.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code /images/generations} and {@code /images/edits}:
 * {@code {created, data:[{b64_json | url, revised_prompt}], usage?}}. Unknown fields are ignored;
 * compatible servers add their own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagesResponse(Long created, List<ImageData> data, Usage usage) {

    public ImagesResponse {
        data = data == null ? List.of() : data;
    }

    /** One image, inline ({@code b64_json}) or by reference ({@code url}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImageData(
            @JsonProperty("b64_json") String b64Json,
            String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    /** Token usage, reported by gpt-image models. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(
            @JsonProperty("total_tokens") Long totalTokens,
            @JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") Long outputTokens) {
    }
}
