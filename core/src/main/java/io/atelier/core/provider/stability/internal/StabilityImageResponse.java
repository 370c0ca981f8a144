package io.atelier.core.provider.stability.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A generate endpoint's answer when asked for {@code Accept: application/json}:
 * {@code {image: base64, finish_reason: SUCCESS | CONTENT_FILTERED, seed}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StabilityImageResponse(String image, @JsonProperty("finish_reason") String finishReason, Long seed) {
}
