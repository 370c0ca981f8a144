package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.core.jobs.JobScheduler;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The scale-out profile's database parts on the local PostgreSQL (own schema, dropped afterwards):
 * rate-limit buckets in the {@code rate_limit_buckets} table ({@code atelier.rate-limit.store=postgres})
 * and idempotency keys in {@code idempotency_keys}, both where every instance on the database sees them.
 */
@TestPropertySource(properties = {
        "atelier.data-dir=${atelier.test-root}/scaleout-postgres",
        "atelier.rate-limit.per-key=4",
        "atelier.rate-limit.store=postgres"
})
@DirtiesContext
class ScaleOutPostgresAppTest extends AppTestSupport {

    static final String JDBC_URL = PostgresGenerationTest.JDBC_URL;
    static final String USER = PostgresGenerationTest.USER;
    static final String SCHEMA = "scaleout_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

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
    void bucketsAndIdempotencyKeysLiveInPostgres() throws SQLException {
        startedJobs = jobScheduler;
        ApiClient api = newTeam("pg-scaleout", 100);
        String key = "pg-" + UUID.randomUUID();
        ApiClient.Response first = api.post("/api/v1/generations", Map.of("prompt", "a heron on postgres"),
                Map.of("Idempotency-Key", key, "Prefer", "wait=30"));
        assertThat(first.status()).as(new String(first.bytes())).isEqualTo(201);
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("3");
        ApiClient.Response replayed = api.post("/api/v1/generations", Map.of("prompt", "a heron on postgres"),
                Map.of("Idempotency-Key", key, "Prefer", "wait=30"));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.bytes()).isEqualTo(first.bytes());
        assertThat(replayed.header("X-RateLimit-Remaining")).isEqualTo("2");
        assertThat(api.get("/api/v1/generations").status()).isEqualTo(200);
        ApiClient.Response limited = api.get("/api/v1/generations");
        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(api.get("/api/v1/generations").status()).isEqualTo(429);

        try (Connection c = DriverManager.getConnection(JDBC_URL, USER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + SCHEMA + ".rate_limit_buckets")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2); // the admin key's and the team key's
            }
            try (ResultSet rs = s.executeQuery("SELECT state, response_status FROM " + SCHEMA
                    + ".idempotency_keys WHERE idempotency_key = '" + key + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("DONE");
                assertThat(rs.getInt(2)).isEqualTo(201);
            }
        }
    }
}
