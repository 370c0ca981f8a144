package io.atelier.core.provider.replicate.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;

/**
 * A Replicate prediction as the create and get calls answer it:
 * {@code {id, model, version, status, input, output, error, logs, urls:{get, cancel, stream, web}, metrics}}.
 * {@code output} is model-defined (for image models a URL or a list of URLs); {@code error} is text or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prediction(
        String id,
        String model,
        String version,
        String status,
        JsonNode output,
        JsonNode error,
        String logs,
        Urls urls) {

    /** {@code starting}, {@code processing}, or one of the terminal states. */
    public boolean isTerminal() {
        return "succeeded".equals(status) || "failed".equals(status) || "canceled".equals(status) || "aborted".equals(status);
    }

    /** Where to poll and how to cancel. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Urls(String get, String cancel, String stream, String web) {
    }
}
