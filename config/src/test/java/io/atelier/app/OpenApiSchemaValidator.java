package io.atelier.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The part of JSON Schema 2020-12 that Atelier's OpenAPI 3.1 descriptions use: {@code $ref} into the
 * document, {@code type} (one or a list, with {@code null}), {@code const}, {@code enum},
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code items}, {@code oneOf},
 * {@code anyOf}, {@code allOf}, {@code minItems}/{@code maxItems}. Keywords it does not know are
 * ignored, as a validator must. Small and local so the test depends on no validator's API.
 */
final class OpenApiSchemaValidator {

    private final JsonNode document;

    OpenApiSchemaValidator(JsonNode document) {
        this.document = document;
    }

    /** Problems of {@code value} against {@code schema}, each with its JSON pointer; empty = valid. */
    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "", problems, 0);
        return problems;
    }

    JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node != null && node.has("$ref") && guard++ < 20) {
            String ref = node.get("$ref").stringValue();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("external $ref " + ref);
            }
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalArgumentException("unresolved $ref " + ref);
            }
        }
        return node;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> problems, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 40) {
            return;
        }
        if (schema.isBoolean()) {
            if (!schema.asBoolean()) {
                problems.add(at + ": not allowed");
            }
            return;
        }
        schema = resolve(schema);
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(at + ": must be " + schema.get("const") + ", is " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value, schema.path("nullable").asBoolean(false))) {
            problems.add(at + ": type " + schema.get("type") + " expected, got " + value.getNodeType());
            return;
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                int valid = 0;
                for (JsonNode option : schema.get(combinator)) {
                    if (validate(option, value).isEmpty()) {
                        valid++;
                    }
                }
                if (valid == 0) {
                    problems.add(at + ": matches none of " + combinator);
                }
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                check(part, value, at, problems, depth + 1);
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.stringValue())) {
                    problems.add(at + ": required property '" + name.stringValue() + "' is missing");
                }
            }
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode propertySchema = properties.get(field.getKey());
                if (propertySchema != null) {
                    check(propertySchema, field.getValue(), at + "/" + field.getKey(), problems, depth + 1);
                } else if (schema.has("additionalProperties")) {
                    check(schema.get("additionalProperties"), field.getValue(), at + "/" + field.getKey(), problems, depth + 1);
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(at + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "/" + i, problems, depth + 1);
                }
            }
        }
    }

    private static boolean typeMatches(JsonNode type, JsonNode value, boolean nullable) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value, false)) {
                    return true;
                }
            }
            return nullable && value.isNull();
        }
        if (nullable && value.isNull()) {
            return true;
        }
        return switch (type.stringValue()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }
}
