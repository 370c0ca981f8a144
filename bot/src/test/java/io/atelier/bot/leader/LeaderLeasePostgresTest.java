package io.atelier.bot.leader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link LeaderLeaseContract} on the local PostgreSQL, in a schema of its own; fails, never skips, without PostgreSQL. */
class LeaderLeasePostgresTest extends LeaderLeaseContract {

    private static final String URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    private static final String SCHEMA = "atelier_botextra_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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

    @Override
    JdbcTemplate jdbc() {
        return jdbc;
    }
}
