package io.atelier.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every migration (core's and the bots', V8 included) on the local PostgreSQL, in a schema of its
 * own that is dropped afterwards, and the Slack redelivery check on it. Fails, never skips, when
 * PostgreSQL is missing.
 */
class SlackInboxPostgresTest {

    private static final String URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    private static final String SCHEMA = "atelier_slack_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL + "?currentSchema=" + SCHEMA, USER, "");
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void aRedeliveryIsRecognisedAndOldKeysArePurged() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        SlackInbox yesterday = new SlackInbox(jdbc, Clock.fixed(now.minus(Duration.ofDays(2)), ZoneOffset.UTC));
        SlackInbox today = new SlackInbox(jdbc, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(yesterday.firstDelivery("command", "old-trigger")).isTrue();
        assertThat(today.firstDelivery("command", "trigger-1")).isTrue();
        assertThat(today.firstDelivery("command", "trigger-1")).as("redelivery").isFalse();
        assertThat(today.firstDelivery("action", "trigger-1")).as("another kind, another key").isTrue();

        assertThat(today.purgeOlderThan(Duration.ofDays(1))).isEqualTo(1);
        assertThat(today.firstDelivery("command", "old-trigger")).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM slack_uploads", Long.class)).isZero();
    }
}
