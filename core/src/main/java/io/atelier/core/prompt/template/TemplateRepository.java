package io.atelier.core.prompt.template;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Json;
import io.atelier.core.common.Timestamps;
import io.atelier.core.prompt.TeamOwnedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code prompt_templates} table: teams' own templates (built-ins live in code). */
@Repository
class TemplateRepository extends TeamOwnedRows<PromptTemplate> {

    private static final String COLUMNS = "team_id, name, description, style_guidance, cues_json, negative_prompt, created_at, updated_at";

    TemplateRepository(JdbcClient jdbc) {
        super(jdbc, "prompt_templates", COLUMNS, "name", "name", TemplateRepository::map);
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

    private static PromptTemplate map(ResultSet rs, int row) throws SQLException {
        return new PromptTemplate(rs.getString("name"), rs.getString("description"), rs.getString("style_guidance"),
                Json.readStrings(rs.getString("cues_json")), rs.getString("negative_prompt"), false,
                rs.getString("team_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
