package io.atelier.core.provider.comfyui.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/** The answer of {@code POST /prompt}: {@code {prompt_id, number, node_errors}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptResponse(@JsonProperty("prompt_id") String promptId, Integer number,
                             @JsonProperty("node_errors") JsonNode nodeErrors) {
}
