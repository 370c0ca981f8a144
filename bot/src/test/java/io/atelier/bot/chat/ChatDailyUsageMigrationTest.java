package io.atelier.bot.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V14 fills {@code chat_daily_usage} from the chat jobs recorded before it, by UTC day, on both
 * databases: an upgrade keeps the day's usage (the daily quotas read only the counters).
 */
class ChatDailyUsageMigrationTest {

    @Test
    void backfillsTheCountersFromExistingJobsOnH2() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:usage-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        backfills(ds, Flyway.configure().dataSource(ds).locations("classpath:db/migration"));
    }

    @Test
    void backfillsTheCountersFromExistingJobsOnPostgres() throws SQLException {
        String schema = "atelier_usage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DataSource ds = new DriverManagerDataSource(ChatStorePostgresTest.JDBC_URL + "?currentSchema=" + schema,
                ChatStorePostgresTest.USER, "");
        try {
            backfills(ds, Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration"));
        } finally {
            try (Connection c = DriverManager.getConnection(ChatStorePostgresTest.JDBC_URL, ChatStorePostgresTest.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void backfills(DataSource ds, FluentConfiguration flyway) {
        flyway.target("13").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        // 23:30 at UTC-5 on 1 March is 04:30 UTC on 2 March: days are UTC days.
        job(jdbc, "g1", "alice", "2026-03-02T10:00:00Z");
        job(jdbc, "g2", "alice", "2026-03-01T23:30:00-05:00");
        job(jdbc, "g3", "alice", "2026-03-01T12:00:00Z");
        job(jdbc, "g4", "bob", "2026-03-02T00:00:00Z");

        flyway.target("latest").load().migrate();

        List<String> rows = jdbc.sql("SELECT user_id, usage_day, jobs FROM chat_daily_usage ORDER BY usage_day, user_id")
                .query((rs, i) -> "'" + rs.getString("user_id") + "' " + rs.getObject("usage_day", LocalDate.class) + " "
                        + rs.getInt("jobs"))
                .list();
        assertThat(rows).containsExactly(
                "'' 2026-03-01 1", "'alice' 2026-03-01 1",
                "'' 2026-03-02 3", "'alice' 2026-03-02 2", "'bob' 2026-03-02 1");
    }

    private static void job(JdbcClient jdbc, String generationId, String userId, String createdAt) {
        jdbc.sql("""
                        INSERT INTO chat_jobs (generation_id, team_id, platform, tenant_id, user_id, channel_id, created_at)
                        VALUES (?, 'team', 'DISCORD', 'guild', ?, 'c', ?)""")
                .params(generationId, userId, OffsetDateTime.parse(createdAt))
                .update();
    }
}
