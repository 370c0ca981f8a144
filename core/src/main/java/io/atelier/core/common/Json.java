package io.atelier.core.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the TEXT columns that hold documents (request as given, metadata, warnings).
 * A private mapper keeps storage independent of how the HTTP layer is configured.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static Map<String, Object> readMap(String json) {
        return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, MAP);
    }

    public static List<String> readStrings(String json) {
        return json == null || json.isBlank() ? List.of() : MAPPER.readValue(json, STRINGS);
    }

    public static Map<String, String> readStringMap(String json) {
        Map<String, Object> raw = readMap(json);
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
        return out;
    }
}
