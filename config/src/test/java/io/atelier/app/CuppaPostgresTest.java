package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.jobs.JobScheduler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
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
 * The V3 tables and their queries (articles, brand-kit upsert, bulk requests and cancel) on the
 * local PostgreSQL, in a schema of its own that is dropped afterwards. Fails, never skips, when
 * PostgreSQL is missing.
 */
@TestPropertySource(properties = "atelier.data-dir=${atelier.test-root}/cuppa-postgres")
@DirtiesContext
class CuppaPostgresTest extends CuppaTestSupport {

    static final String SCHEMA = "atelier_cuppa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

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
    void articlesBrandKitsAndBulkRunOnPostgres() throws SQLException {
        startedJobs = jobScheduler;
        try (Connection c = context.getBean(DataSource.class).getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        Team team = team("pg-cuppa", 100);
        assertThat(team.cuppa().put("/api/v1/brand-kit", Map.of("colors", List.of("#123456"))).status()).isEqualTo(200);
        assertThat(team.cuppa().put("/api/v1/brand-kit", Map.of("colors", List.of("#654321"), "styleWords", List.of("bold")))
                .json().at("/data/colors/0/hex").stringValue()).isEqualTo("#654321");
        List<String> articles = createArticles(team.cuppa(), 3, "Postgres");
        assertThat(team.cuppa().get("/v1/articles?limit=2&offset=1").json()).hasSize(2);

        ApiClient.Response accepted = team.cuppa().post("/v1/images/bulk", Map.of("article_ids", articles, "use_brand_colors", true));
        assertThat(accepted.status()).as(new String(accepted.bytes())).isEqualTo(202);
        String requestId = accepted.json().get("request_id").stringValue();
        JsonNode done = team.cuppa().pollBulk(requestId, s -> s.get("status").stringValue().equals("completed"), Duration.ofSeconds(60));
        assertThat(done.get("completed_articles").intValue()).isEqualTo(3);
        String prompt = team.api().get("/api/v1/generations/" + done.at("/articles/" + articles.get(0) + "/generation_id").stringValue())
                .json().at("/data/prompt").stringValue();
        assertThat(prompt).endsWith("Brand palette: #654321; style: bold");
        assertThat(team.cuppa().delete("/v1/images/bulk/" + requestId).status()).isEqualTo(200);
        assertThat(team.cuppa().get("/v1/images/bulk/" + requestId).json().get("status").stringValue()).isEqualTo("completed");
        assertThat(team.cuppa().delete("/v1/articles/" + articles.get(2)).status()).isEqualTo(200);
        assertThat(team.cuppa().get("/v1/images?limit=3").json()).hasSize(3);
    }
}
