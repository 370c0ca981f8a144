package io.atelier.tools.mcp;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code outputSchema} of a tool, derived from the record it returns ({@link io.atelier.tools.ToolResults}),
 * so the schema and the {@code structuredContent} cannot drift apart: every component is a required
 * property; reference types may be null.
 */
final class McpOutputSchemas {

    private McpOutputSchemas() {
    }

    static Map<String, Object> of(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record: MCP structured content must be an object");
        }
        return object(type);
    }

    private static Map<String, Object> object(Class<?> type) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.put(component.getName(), element(component.getGenericType()));
            required.add(component.getName());
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> element(Type type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            schema.put("type", List.of("array", "null"));
            schema.put("items", element(p.getActualTypeArguments()[0]));
            return schema;
        }
        Class<?> raw = (Class<?>) type;
        if (raw == int.class || raw == long.class) {
            schema.put("type", "integer");
        } else if (raw == Integer.class || raw == Long.class) {
            schema.put("type", List.of("integer", "null"));
        } else if (raw == boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == String.class) {
            schema.put("type", List.of("string", "null"));
        } else if (raw.isRecord()) {
            schema.putAll(object(raw));
        } else {
            throw new IllegalArgumentException("no JSON schema for " + type);
        }
        return schema;
    }
}
