package io.atelier.core.gallery;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link GalleryServiceContract} on the local PostgreSQL (127.0.0.1:5432, database test), in a schema
 * of its own dropped afterwards. Fails, never skips, when PostgreSQL is missing.
 */
class GalleryServicePostgresTest extends GalleryServiceContract {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_gallery_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static SimpleDriverDataSource dataSource;
    private GalleryFixture fixture;

    @BeforeAll
    static void migrate() {
        dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), JDBC_URL + "?currentSchema=" + SCHEMA, USER, "");
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @BeforeEach
    void setUp() {
        // The trusted team id is fixed; each test gets a clean slate of gallery rows for it.
        org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("DELETE FROM teams WHERE id = '00000000-0000-4000-8000-000000000001'").update();
        fixture = new GalleryFixture(dataSource, GalleryFixture.properties(List.of("00000000-0000-4000-8000-000000000001"), 2, 3));
    }

    @Override
    GalleryFixture fixture() {
        return fixture;
    }
}
