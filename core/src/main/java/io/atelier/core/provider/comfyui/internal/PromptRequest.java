package io.atelier.core.provider.comfyui.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.node.ObjectNode;

/**
 * The body of ComfyUI's {@code POST /prompt}: the workflow in API format and the client id whose
 * {@code /ws} connection receives the progress messages of this prompt.
 */
public record PromptRequest(ObjectNode prompt, @JsonProperty("client_id") String clientId) {
}
