package io.atelier.core.provider.gemini.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code generateContent}: candidates whose parts carry text or {@code inlineData}
 * (images), a {@code finishReason} per candidate, and {@code promptFeedback.blockReason} when the
 * prompt itself was blocked. Unknown fields (usage, safety ratings …) are ignored; inline data is read
 * in either case.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateContentResponse(
        List<Candidate> candidates,
        PromptFeedback promptFeedback,
        String modelVersion,
        String responseId) {

    public GenerateContentResponse {
        candidates = candidates == null ? List.of() : candidates;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(Content content, String finishReason, String finishMessage, Integer index) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(List<Part> parts, String role) {
        public Content {
            parts = parts == null ? List.of() : parts;
        }
    }

    /** Text, an image, or (Gemini 3) a {@code thought}: an interim draft that is not the answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String text, @JsonAlias("inline_data") InlineData inlineData, Boolean thought) {
        public boolean isThought() {
            return Boolean.TRUE.equals(thought);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InlineData(@JsonAlias("mime_type") String mimeType, String data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptFeedback(String blockReason, String blockReasonMessage) {
    }
}
