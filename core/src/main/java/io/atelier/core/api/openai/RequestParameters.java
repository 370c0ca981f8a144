package io.atelier.core.api.openai;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scalar parameters of an Images API request, from a JSON body (typed, read strictly: {@code "2"}
 * is not an integer) or from multipart form fields (all text, numbers parsed). Every error is OpenAI's
 * 400 naming the parameter, with OpenAI's codes ({@code invalid_type}, {@code unknown_parameter},
 * {@code integer_above_max_value} …). Absent and JSON {@code null} both mean "not given".
 */
abstract sealed class RequestParameters {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Parameters of a JSON object body. */
    static RequestParameters json(JsonNode body) {
        return new Json(body);
    }

    /** Parameters of multipart text fields (first value of each name). */
    static RequestParameters form(Map<String, String[]> fields) {
        return new Form(fields);
    }

    /** The names given (with a non-null value). */
    abstract Set<String> names();

    /** A text parameter; a JSON value of another type is an {@code invalid_type} error. */
    abstract Optional<String> string(String name);

    /** An integer parameter within [min, max]. */
    abstract Optional<Integer> integer(String name, int min, int max);

    abstract Optional<Boolean> bool(String name);

    /** The request as given, for the generation's audit record. */
    abstract Map<String, Object> asGiven();

    /** OpenAI rejects parameters it does not know, and so does the dialect (a typo is not silently ignored). */
    void rejectUnknown(Set<String> known) {
        for (String name : names()) {
            if (!known.contains(name)) {
                throw OpenAiApiException.invalid(name, "unknown_parameter", "Unknown parameter: '" + name + "'.");
            }
        }
    }

    /** A required, non-blank text parameter. */
    String requiredString(String name) {
        String value = string(name).orElseThrow(() -> OpenAiApiException.invalid(name, "missing_required_parameter",
                "Missing required parameter: '" + name + "'."));
        if (value.isBlank()) {
            throw OpenAiApiException.invalid(name, "empty_string",
                    "Invalid '" + name + "': empty string. Expected a non-empty value.");
        }
        return value;
    }

    /** A text parameter that must be one of {@code allowed}, compared exactly as OpenAI does. */
    Optional<String> oneOf(String name, List<String> allowed) {
        return string(name).map(value -> {
            if (!allowed.contains(value)) {
                throw invalidValue(name, value, allowed);
            }
            return value;
        });
    }

    static OpenAiApiException invalidValue(String name, String value, List<String> allowed) {
        return OpenAiApiException.invalid(name, "invalid_value", "Invalid value: '" + value + "'. Supported values are: "
                + supported(allowed) + ".");
    }

    /** {@code 'a', 'b' and 'c'}, as OpenAI lists supported values. */
    static String supported(List<String> allowed) {
        List<String> quoted = allowed.stream().map(v -> "'" + v + "'").toList();
        if (quoted.size() == 1) {
            return quoted.getFirst();
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.getLast();
    }

    static void checkRange(String name, int value, int min, int max) {
        if (value > max) {
            throw OpenAiApiException.invalid(name, "integer_above_max_value", "Invalid '" + name
                    + "': integer above maximum value. Expected a value <= " + max + ", but got " + value + " instead.");
        }
        if (value < min) {
            throw OpenAiApiException.invalid(name, "integer_below_min_value", "Invalid '" + name
                    + "': integer below minimum value. Expected a value >= " + min + ", but got " + value + " instead.");
        }
    }

    static OpenAiApiException invalidType(String name, String expected, String got) {
        return OpenAiApiException.invalid(name, "invalid_type", "Invalid type for '" + name + "': expected "
                + expected + ", but got " + got + " instead.");
    }

    private static final class Json extends RequestParameters {
        private final JsonNode body;

        Json(JsonNode body) {
            this.body = body;
        }

        private Optional<JsonNode> value(String name) {
            JsonNode v = body.get(name);
            return v == null || v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v);
        }

        @Override
        Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            for (String name : body.propertyNames()) {
                if (value(name).isPresent()) {
                    names.add(name);
                }
            }
            return names;
        }

        @Override
        Optional<String> string(String name) {
            return value(name).map(v -> {
                if (!v.isString()) {
                    throw invalidType(name, "a string", describe(v));
                }
                return v.stringValue();
            });
        }

        @Override
        Optional<Integer> integer(String name, int min, int max) {
            return value(name).map(v -> {
                if (!v.isIntegralNumber()) {
                    throw invalidType(name, "an integer", describe(v));
                }
                if (!v.canConvertToInt()) {
                    throw OpenAiApiException.invalid(name, v.bigIntegerValue().signum() > 0 ? "integer_above_max_value"
                            : "integer_below_min_value", "Invalid '" + name + "': expected a value between " + min
                            + " and " + max + ", but got " + v + " instead.");
                }
                checkRange(name, v.intValue(), min, max);
                return v.intValue();
            });
        }

        @Override
        Optional<Boolean> bool(String name) {
            return value(name).map(v -> {
                if (!v.isBoolean()) {
                    throw invalidType(name, "a boolean", describe(v));
                }
                return v.booleanValue();
            });
        }

        @Override
        @SuppressWarnings("unchecked")
        Map<String, Object> asGiven() {
            return MAPPER.convertValue(body, LinkedHashMap.class);
        }

        private static String describe(JsonNode v) {
            if (v.isString()) {
                return "a string";
            }
            if (v.isIntegralNumber()) {
                return "an integer";
            }
            if (v.isNumber()) {
                return "a decimal";
            }
            if (v.isBoolean()) {
                return "a boolean";
            }
            if (v.isArray()) {
                return "an array";
            }
            return v.isObject() ? "an object" : "a value of another type";
        }
    }

    private static final class Form extends RequestParameters {
        private final Map<String, String> fields = new LinkedHashMap<>();

        Form(Map<String, String[]> raw) {
            raw.forEach((name, values) -> {
                if (values != null && values.length > 0 && values[0] != null) {
                    fields.put(name, values[0]);
                }
            });
        }

        @Override
        Set<String> names() {
            return fields.keySet();
        }

        @Override
        Optional<String> string(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        @Override
        Optional<Integer> integer(String name, int min, int max) {
            return string(name).map(text -> {
                int value;
                try {
                    value = Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw invalidType(name, "an integer", "'" + abbreviate(text) + "'");
                }
                checkRange(name, value, min, max);
                return value;
            });
        }

        @Override
        Optional<Boolean> bool(String name) {
            return string(name).map(text -> switch (text.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalidType(name, "a boolean", "'" + abbreviate(text) + "'");
            });
        }

        @Override
        Map<String, Object> asGiven() {
            return new LinkedHashMap<>(fields);
        }

        private static String abbreviate(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "…";
        }
    }
}
