package io.atelier.core.prompt.template;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code prompt_templates} table: teams' own templates (built-ins live in code). */
@Repository
class TemplateRepository {

    private static final String COLUMNS = "team_id, name, description, style_guidance, cues_json, negative_prompt, created_at, updated_at";

    private final JdbcClient jdbc;

    TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PromptTemplate> list(String teamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prompt_templates WHERE team_id = ? ORDER BY name")
                .param(teamId).query(TemplateRepository::map).list();
    }

    Optional<PromptTemplate> find(String teamId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM prompt_templates WHERE team_id = ? AND name = ?")
                .params(teamId, name).query(TemplateRepository::map).optional();
    }

    long count(String teamId) {
        return jdbc.sql("SELECT COUNT(*) FROM prompt_templates WHERE team_id = ?").param(teamId).query(Long.class).single();
    }

    void insert(PromptTemplate t) {
        jdbc.sql("INSERT INTO prompt_templates (id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.uuid(), t.teamId(), t.name(), t.description(), t.styleGuidance(), Json.write(t.cues()),
                        t.negativePrompt(), Timestamps.db(t.createdAt()), Timestamps.db(t.updatedAt()))
                .update();
    }

    boolean update(PromptTemplate t) {
        return jdbc.sql("""
                        UPDATE prompt_templates SET description = ?, style_guidance = ?, cues_json = ?, negative_prompt = ?,
                               updated_at = ?
                        WHERE team_id = ? AND name = ?""")
                .params(t.description(), t.styleGuidance(), Json.write(t.cues()), t.negativePrompt(),
                        Timestamps.db(t.updatedAt()), t.teamId(), t.name())
                .update() == 1;
    }

    boolean delete(String teamId, String name) {
        return jdbc.sql("DELETE FROM prompt_templates WHERE team_id = ? AND name = ?").params(teamId, name).update() == 1;
    }

    private static PromptTemplate map(ResultSet rs, int row) throws SQLException {
        return new PromptTemplate(rs.getString("name"), rs.getString("description"), rs.getString("style_guidance"),
                Json.readStrings(rs.getString("cues_json")), rs.getString("negative_prompt"), false,
                rs.getString("team_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
