package io.atelier.core.provider.gemini.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /models/{model}:generateContent} for image output:
 * {@code {contents:[{role:"user", parts:[{text}, {inline_data:{mime_type, data}}…]}],
 * generationConfig:{responseModalities:["IMAGE"], imageConfig:{aspectRatio, imageSize}}}}.
 * Inline data is written in the snake_case of Google's REST examples; the API accepts both cases.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentRequest(List<Content> contents, GenerationConfig generationConfig) {

    /** One turn of the conversation; ours is a single user turn. */
    public record Content(String role, List<Part> parts) {
    }

    /** Text or inline bytes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(String text, @JsonProperty("inline_data") InlineData inlineData) {
        public static Part text(String text) {
            return new Part(text, null);
        }

        public static Part inline(String mimeType, String base64) {
            return new Part(null, new InlineData(mimeType, base64));
        }
    }

    /** Base64 bytes with their media type. */
    public record InlineData(@JsonProperty("mime_type") String mimeType, String data) {
    }

    /** {@code responseModalities} and the image's shape. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerationConfig(List<String> responseModalities, ImageConfig imageConfig) {
    }

    /** Aspect ratio ({@code 16:9}) and, for Gemini 3 image models, resolution ({@code 1K}, {@code 2K}, {@code 4K}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageConfig(String aspectRatio, String imageSize) {
    }
}
