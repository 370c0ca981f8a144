package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import io.atelier.core.jobs.JobScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The migrations and a full generation on the local PostgreSQL (127.0.0.1:5432, database test), in
 * a schema of its own that is dropped afterwards. Fails, never skips, when PostgreSQL is missing.
 */
@TestPropertySource(properties = "atelier.data-dir=${atelier.test-root}/postgres")
@DirtiesContext
class PostgresGenerationTest extends AppTestSupport {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JobScheduler jobScheduler;

    /** Stopped before the schema is dropped, so no worker polls a dropped table. */
    private static JobScheduler startedJobs;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> JDBC_URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (startedJobs != null) {
            startedJobs.stop();
        }
        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void migrationsAndAFullGenerationRunOnPostgres() throws SQLException {
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }

        ApiClient api = newTeam("pg-team", 100);
        ApiClient.Response created = api.post("/api/v1/generations",
                Map.of("prompt", "an elephant on postgres", "aspectRatio", "3:2", "count", 2), Map.of("Prefer", "wait=30"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(data.get("status").stringValue()).isEqualTo("success");
        assertThat(data.get("outputImages")).hasSize(2);
        assertThat(anonymous().getAbsolute(data.at("/outputImage/storageUrl").stringValue(), Map.of()).status()).isEqualTo(200);

        String id = data.get("id").stringValue();
        assertThat(api.get("/api/v1/generations?status=success").json().at("/pagination/total").intValue()).isEqualTo(1);
        assertThat(api.delete("/api/v1/generations/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/generations/" + id).status()).isEqualTo(404);

        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + SCHEMA + ".flyway_schema_history WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
        }
        startedJobs = jobScheduler;
    }
}
