package io.atelier.core.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.common.Ids;
import io.atelier.core.common.Timestamps;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * V61 copies what an existing entry shows of its generation (prompt, model, size, creation time) into
 * the entry, on H2 and on the local PostgreSQL (a schema of its own, dropped afterwards).
 */
class GalleryEntrySnapshotMigrationTest {

    @Test
    void existingEntriesGetTheirGenerationsFieldsOnH2() {
        backfills(new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:gallery-v61-" + Ids.uuid() + ";DB_CLOSE_DELAY=-1", "sa", ""), null);
    }

    @Test
    void existingEntriesGetTheirGenerationsFieldsOnPostgres() throws Exception {
        String schema = "atelier_v61_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = GalleryServicePostgresTest.JDBC_URL;
        String user = GalleryServicePostgresTest.USER;
        try {
            backfills(new SimpleDriverDataSource(new org.postgresql.Driver(), url + "?currentSchema=" + schema, user, ""),
                    schema);
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void backfills(DataSource ds, String schema) {
        Flyway.configure().dataSource(ds).schemas(schema == null ? new String[0] : new String[] {schema})
                .locations("classpath:db/migration").target("42").load().migrate(); // the core migration before V61
        JdbcClient jdbc = JdbcClient.create(ds);
        String team = Ids.uuid();
        String generation = Ids.uuid();
        Instant created = Instant.parse("2026-03-04T05:06:07Z");
        OffsetDateTime now = Timestamps.db(Timestamps.now());
        jdbc.sql("INSERT INTO teams (id, name, admin, credits, created_at) VALUES (?, 'team', FALSE, 10, ?)")
                .params(team, now).update();
        jdbc.sql("""
                        INSERT INTO generations (id, team_id, status, source, model, original_prompt, prompt, width, height,
                            image_count, seed, auto_enhance, options_json, request_json, meta_json, warnings_json, public_requested,
                            progress_percent, attempts, credits_charged, created_at, updated_at)
                        VALUES (?, ?, 'SUCCEEDED', 'API', 'local/preview', 'a heron at dusk', 'p', 96, 64, 1, 1, FALSE,
                            '{}', '{}', '{}', '[]', FALSE, 100, 1, 1, ?, ?)""")
                .params(generation, team, Timestamps.db(created), now).update();
        jdbc.sql("""
                        INSERT INTO gallery_entries (generation_id, team_id, status, author_name, rejections, open_reports, views,
                            submitted_at, updated_at) VALUES (?, ?, 'APPROVED', 'a', 0, 0, 0, ?, ?)""")
                .params(generation, team, now, now).update();

        Flyway.configure().dataSource(ds).schemas(schema == null ? new String[0] : new String[] {schema})
                .locations("classpath:db/migration").load().migrate();

        Map<String, Object> row = jdbc.sql("""
                        SELECT original_prompt, model, width, height, generation_created_at FROM gallery_entries
                        WHERE generation_id = ?""").param(generation).query().singleRow();
        assertThat(row.get("original_prompt")).isEqualTo("a heron at dusk");
        assertThat(row.get("model")).isEqualTo("local/preview");
        assertThat(((Number) row.get("width")).intValue()).isEqualTo(96);
        assertThat(((Number) row.get("height")).intValue()).isEqualTo(64);
        assertThat(jdbc.sql("SELECT generation_created_at FROM gallery_entries WHERE generation_id = ?").param(generation)
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single()).isEqualTo(created);
    }
}
