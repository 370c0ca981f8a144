package io.atelier.core.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of a JSON request body: no silent coercion (a number is not a string, "3" is not
 * an integer), and every error names the field ({@code enhancementOptions.template}). Absent and
 * {@code null} both mean "not given".
 */
public final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JsonNode node;
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The body as an object; a missing body or a non-object is a field error on {@code body}. */
    public static JsonBody of(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new JsonFieldException("body", "request body must be a JSON object");
        }
        if (!body.isObject()) {
            throw new JsonFieldException("body", "request body must be a JSON object");
        }
        return new JsonBody(body, "");
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private Optional<JsonNode> value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v);
    }

    public boolean has(String field) {
        return value(field).isPresent();
    }

    public Optional<String> string(String field) {
        return value(field).map(v -> {
            if (!v.isString()) {
                throw new JsonFieldException(name(field), name(field) + " must be a string");
            }
            return v.stringValue();
        });
    }

    public String requiredString(String field) {
        return string(field).filter(s -> !s.isBlank())
                .orElseThrow(() -> new JsonFieldException(name(field), name(field) + " is required"));
    }

    /** An integer within [min, max]; floats, strings and out-of-range numbers are field errors. */
    public Optional<Integer> integer(String field, int min, int max) {
        return value(field).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new JsonFieldException(name(field), name(field) + " must be an integer");
            }
            int i = v.intValue();
            if (i < min || i > max) {
                throw new JsonFieldException(name(field), name(field) + " must be between " + min + " and " + max);
            }
            return i;
        });
    }

    public Optional<Long> longInteger(String field, long min, long max) {
        return value(field).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new JsonFieldException(name(field), name(field) + " must be an integer");
            }
            long l = v.longValue();
            if (l < min || l > max) {
                throw new JsonFieldException(name(field), name(field) + " must be between " + min + " and " + max);
            }
            return l;
        });
    }

    public Optional<Boolean> bool(String field) {
        return value(field).map(v -> {
            if (!v.isBoolean()) {
                throw new JsonFieldException(name(field), name(field) + " must be true or false");
            }
            return v.booleanValue();
        });
    }

    /** A nested object, read with the same strictness; its errors carry the dotted path. */
    public Optional<JsonBody> object(String field) {
        return value(field).map(v -> {
            if (!v.isObject()) {
                throw new JsonFieldException(name(field), name(field) + " must be an object");
            }
            return new JsonBody(v, name(field));
        });
    }

    /** A nested object as plain Java values (maps, lists, strings, numbers, booleans). */
    public Optional<Map<String, Object>> objectAsMap(String field) {
        return object(field).map(JsonBody::toMap);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
