package io.atelier.core.provider.replicate.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /models/{owner}/{name}/predictions} ({@code version} null) or
 * {@code POST /predictions} (with the pinned {@code version}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatePrediction(String version, Map<String, Object> input) {
}
