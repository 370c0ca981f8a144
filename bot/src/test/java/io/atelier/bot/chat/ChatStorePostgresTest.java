package io.atelier.bot.chat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chat tables on the local PostgreSQL (127.0.0.1:5432, database test), in a schema of its own
 * dropped afterwards. Fails, never skips, when PostgreSQL is missing.
 */
class ChatStorePostgresTest extends ChatStoreTestSupport {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_discord_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static DataSource ds;

    @BeforeAll
    static void migrate() {
        ds = new DriverManagerDataSource(JDBC_URL + "?currentSchema=" + SCHEMA, USER, "");
        Flyway.configure().dataSource(ds).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
