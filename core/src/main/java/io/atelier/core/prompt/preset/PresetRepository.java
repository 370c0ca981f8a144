package io.atelier.core.prompt.preset;

import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.TeamOwnedRows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code prompt_presets} table. Requirements are one JSON document per preset
 * ({@code {"requirements":[…]}}); numbers are stored as decimal strings so they read back exactly.
 */
@Repository
class PresetRepository extends TeamOwnedRows<Preset> {

    private static final String COLUMNS = """
            id, team_id, name, description, prompt, requirements_json, model, aspect_ratio, resolution, template,
            negative_prompt, created_at, updated_at""";

    PresetRepository(JdbcClient jdbc) {
        super(jdbc, "prompt_presets", COLUMNS, "id", "created_at, id", PresetRepository::map);
    }

    void insert(Preset p) {
        jdbc.sql("INSERT INTO prompt_presets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.teamId(), p.name(), p.description(), p.prompt(), requirementsJson(p.requirements()),
                        p.model(), p.aspectRatio(), p.resolution(), p.template(), p.negativePrompt(),
                        Timestamps.db(p.createdAt()), Timestamps.db(p.updatedAt()))
                .update();
    }

    boolean update(Preset p) {
        return jdbc.sql("""
                        UPDATE prompt_presets SET name = ?, description = ?, prompt = ?, requirements_json = ?, model = ?,
                               aspect_ratio = ?, resolution = ?, template = ?, negative_prompt = ?, updated_at = ?
                        WHERE team_id = ? AND id = ?""")
                .params(p.name(), p.description(), p.prompt(), requirementsJson(p.requirements()), p.model(),
                        p.aspectRatio(), p.resolution(), p.template(), p.negativePrompt(), Timestamps.db(p.updatedAt()),
                        p.teamId(), p.id())
                .update() == 1;
    }

    static String requirementsJson(List<PresetRequirement> requirements) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PresetRequirement r : requirements) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", r.key());
            m.put("type", r.type().wireName());
            m.put("label", r.label());
            m.put("description", r.description());
            m.put("required", r.required());
            m.put("default", r.defaultValue() instanceof BigDecimal n ? PresetRenderer.plain(n) : r.defaultValue());
            m.put("options", r.options());
            m.put("min", r.min() == null ? null : PresetRenderer.plain(r.min()));
            m.put("max", r.max() == null ? null : PresetRenderer.plain(r.max()));
            m.put("maxLength", r.maxLength());
            m.put("multiple", r.multiple());
            m.put("maxFiles", r.maxFiles());
            m.put("role", r.role() == null ? null : r.role().wireName());
            list.add(m);
        }
        return Json.write(Map.of("requirements", list));
    }

    @SuppressWarnings("unchecked")
    static List<PresetRequirement> readRequirements(String json) {
        List<PresetRequirement> out = new ArrayList<>();
        for (Object o : (List<Object>) Json.readMap(json).getOrDefault("requirements", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            RequirementType type = RequirementType.parse((String) m.get("type")).orElseThrow();
            Object def = m.get("default");
            if (def != null && type == RequirementType.NUMBER) {
                def = new BigDecimal(def.toString());
            }
            out.add(new PresetRequirement((String) m.get("key"), type, (String) m.get("label"),
                    (String) m.get("description"), Boolean.TRUE.equals(m.get("required")), def,
                    (List<String>) m.getOrDefault("options", List.of()), decimal(m.get("min")), decimal(m.get("max")),
                    m.get("maxLength") == null ? null : ((Number) m.get("maxLength")).intValue(),
                    Boolean.TRUE.equals(m.get("multiple")),
                    m.get("maxFiles") == null ? 1 : ((Number) m.get("maxFiles")).intValue(),
                    m.get("role") == null ? null : FileRole.parse((String) m.get("role")).orElse(FileRole.REFERENCE)));
        }
        return out;
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static Preset map(ResultSet rs, int row) throws SQLException {
        return new Preset(rs.getString("id"), rs.getString("team_id"), rs.getString("name"), rs.getString("description"),
                rs.getString("prompt"), readRequirements(rs.getString("requirements_json")), rs.getString("model"),
                rs.getString("aspect_ratio"), rs.getString("resolution"), rs.getString("template"),
                rs.getString("negative_prompt"), false, rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
