package io.atelier.core.provider.stability.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Stability's error body: {@code {id, name, errors:[…]}}, e.g.
 * {@code {"id":"…","name":"content_moderation","errors":["Your request was flagged by our content moderation system…"]}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StabilityError(String id, String name, List<String> errors) {

    public StabilityError {
        errors = errors == null ? List.of() : errors;
    }
}
