package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.jobs.JobScheduler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * The provenance schema (V4) and the Recoup flow on the local PostgreSQL, in a schema of its own
 * that is dropped afterwards. Fails, never skips, when PostgreSQL is missing.
 */
@TestPropertySource(properties = "atelier.data-dir=${atelier.test-root}/recoup-postgres")
@DirtiesContext
class RecoupPostgresTest extends AppTestSupport {

    static final String JDBC_URL = System.getProperty("atelier.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("atelier.test.postgres-user", "postgres");
    static final String SCHEMA = "atelier_recoup_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    JobScheduler jobScheduler;

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
    void recoupWithProvenanceRunsOnPostgres() throws SQLException {
        startedJobs = jobScheduler;
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        ApiClient api = newTeam("pg-recoup", 100);
        ApiClient.Response r = api.get("/api/image/generate?prompt=" + URLEncoder.encode("a heron on postgres", StandardCharsets.UTF_8)
                + "&account_id=123e4567-e89b-12d3-a456-426614174000");
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode body = r.json();
        String verify = "http://127.0.0.1:" + port + "/api/v1/provenance/verify";

        byte[] permanent = anonymous().getAbsolute(body.get("imageUrl").stringValue(), Map.of()).bytes();
        JsonNode embedded = ProvenanceProbe.postRaw(verify, "image/png", permanent).json().get("data");
        assertThat(embedded.get("valid").booleanValue()).as(embedded.toString()).isTrue();
        JsonNode original = ProvenanceProbe.postRaw(verify, "application/octet-stream",
                ProvenanceProbe.embedded(permanent).original()).json().get("data");
        assertThat(original.get("valid").booleanValue()).as(original.toString()).isTrue();

        JsonNode stored = api.get("/api/v1/provenance/" + body.at("/provenance/id").stringValue()).json().get("data");
        assertThat(stored.at("/record/seed").longValue()).isEqualTo(body.at("/provenance/record/seed").longValue());
        assertThat(stored.get("embedded").booleanValue()).isTrue();
        assertThat(anonymous().get("/api/v1/provenance/public-key").json().at("/data/keys")).hasSize(1);
    }
}
