package io.atelier.core.api.cuppa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Strict readers for what {@link io.atelier.core.api.JsonBody} does not cover: query integers and string arrays. */
final class CuppaRequests {

    private CuppaRequests() {
    }

    /** A query integer within [min, max]; absent or blank = {@code defaultValue}; anything else is a 400 naming it. */
    static int intParam(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw CuppaApiException.invalid(name, name + " must be an integer between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw CuppaApiException.invalid(name, name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    /**
     * An array of strings of at most {@code maxItems}; absent or null = empty optional. A non-array,
     * a non-string element or too many elements is a 400 naming the field ({@code keywords[2]}).
     */
    static Optional<List<String>> stringArray(JsonNode body, String field, int maxItems) {
        JsonNode node = body == null ? null : body.get(field);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw CuppaApiException.invalid(field, field + " must be an array of strings");
        }
        if (node.size() > maxItems) {
            throw CuppaApiException.invalid(field, field + " may hold at most " + maxItems + " items, not " + node.size());
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isString()) {
                throw CuppaApiException.invalid(field + "[" + i + "]", field + "[" + i + "] must be a string");
            }
            out.add(element.stringValue());
        }
        return Optional.of(out);
    }
}
