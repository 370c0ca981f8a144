package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.jobs.JobScheduler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
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
 * The v0 library on the local PostgreSQL (migration V5's preset column, the presetId filter and the
 * escaped LIKE search), in a schema of its own that is dropped afterwards. Fails, never skips, when
 * PostgreSQL is missing.
 */
@TestPropertySource(properties = "atelier.data-dir=${atelier.test-root}/v0-postgres")
@DirtiesContext
class V0PostgresTest extends AppTestSupport {

    static final String SCHEMA = "atelier_v0_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JobScheduler jobScheduler;

    private static JobScheduler startedJobs;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PostgresGenerationTest.JDBC_URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> PostgresGenerationTest.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        if (startedJobs != null) {
            startedJobs.stop();
        }
        try (Connection c = DriverManager.getConnection(PostgresGenerationTest.JDBC_URL, PostgresGenerationTest.USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void libraryFiltersAndSearchOnPostgres() throws SQLException {
        startedJobs = jobScheduler;
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        ApiClient team = newTeam("v0-pg", 50);
        JsonNode plain = team.post("/v0/images/generations", Map.of("prompt", "a 50% off_sale banner")).json().get("data");
        JsonNode preset = team.post("/v0/images/generations", Map.of("presetId", "blog-featured-image",
                "variables", Map.of("topic", "gardening"), "resolution", "high")).json().get("data");
        assertThat(plain.get("status").stringValue()).isEqualTo("completed");
        assertThat(preset.at("/usage/credits").asLong()).isEqualTo(2);

        assertThat(team.get("/v0/images/library").json().at("/data/total").asLong()).isEqualTo(2);
        JsonNode byPreset = team.get("/v0/images/library?presetId=blog-featured-image").json().get("data");
        assertThat(byPreset.get("total").asLong()).isEqualTo(1);
        assertThat(byPreset.at("/images/0/id").stringValue()).isEqualTo(preset.at("/data/0/id").stringValue());
        assertThat(team.get("/v0/images/library?search=50%25%20OFF_sale").json().at("/data/total").asLong()).isEqualTo(1);
        assertThat(team.get("/v0/images/library?search=f_s").json().at("/data/total").asLong()).isEqualTo(1);
        assertThat(team.get("/v0/images/library?search=f%25s").json().at("/data/total").asLong()).isZero();
        assertThat(team.get("/v0/images/library?search=blog%20featured").json().at("/data/total").asLong()).isEqualTo(1);
        assertThat(team.get("/v0/usage").json().at("/data/creditsRemaining").asLong()).isEqualTo(50 - 1 - 2);
    }
}
