package io.atelier.core.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/**
 * The idempotency table's life cycle on both databases (H2 in memory; PostgreSQL at 127.0.0.1 in a
 * schema of its own, dropped afterwards), with the table made by the V11 migration's own SQL and a
 * clock the test moves: claim, in flight, replay, mismatch, take-over after the in-flight timeout,
 * expiry after the time to live, and the cleanup.
 */
class IdempotencyStoreTest {

    private static final IdempotencyProperties PROPERTIES =
            new IdempotencyProperties(true, Duration.ofHours(24), Duration.ofMinutes(10), DataSize.ofMegabytes(1));

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void lifeCycle(String database) throws Exception {
        String schema = "scaleout_idem_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DataSource ds = database.equals("h2") ? h2(schema) : postgres(schema);
        try {
            MovableClock clock = new MovableClock();
            IdempotencyStore store = new IdempotencyStore(JdbcClient.create(ds), PROPERTIES, clock);

            assertThat(store.claim("team-1", "k1", "hash-a", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
            assertThat(store.claim("team-1", "k1", "hash-a", "/p")).isInstanceOf(IdempotencyStore.Claim.InFlight.class);
            assertThat(store.claim("team-1", "k1", "hash-b", "/p")).isInstanceOf(IdempotencyStore.Claim.Mismatch.class);
            // Another team's key of the same name is another key.
            assertThat(store.claim("team-2", "k1", "hash-b", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);

            store.complete("team-1", "k1", 201, "{\"Content-Type\":[\"application/json\"]}", "{\"id\":1}".getBytes(StandardCharsets.UTF_8));
            IdempotencyStore.Claim replay = store.claim("team-1", "k1", "hash-a", "/p");
            assertThat(replay).isInstanceOfSatisfying(IdempotencyStore.Claim.Replay.class, r -> {
                assertThat(r.entry().responseStatus()).isEqualTo(201);
                assertThat(new String(r.entry().responseBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
            });

            // A first request whose instance died: taken over once the in-flight timeout has passed.
            assertThat(store.claim("team-1", "k2", "hash-c", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
            clock.advance(Duration.ofMinutes(9));
            assertThat(store.claim("team-1", "k2", "hash-c", "/p")).isInstanceOf(IdempotencyStore.Claim.InFlight.class);
            clock.advance(Duration.ofMinutes(2));
            assertThat(store.claim("team-1", "k2", "hash-c", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
            assertThat(store.claim("team-1", "k2", "hash-c", "/p")).isInstanceOf(IdempotencyStore.Claim.InFlight.class);

            // Released (no definite answer): the next request runs afresh.
            store.release("team-1", "k2");
            assertThat(store.claim("team-1", "k2", "hash-d", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);

            // After 24 hours a key is free again, and the cleanup removes what expired.
            clock.advance(Duration.ofHours(24));
            assertThat(store.deleteExpired()).isEqualTo(2); // team-1/k1 and team-2/k1; team-1/k2 was re-claimed later
            assertThat(store.find("team-1", "k1")).isEmpty();
            assertThat(store.claim("team-1", "k1", "hash-b", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
            clock.advance(Duration.ofHours(1));
            // An expired row not yet cleaned up counts as absent.
            assertThat(store.claim("team-1", "k2", "hash-e", "/p")).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        } finally {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(database.equals("h2") ? "DROP ALL OBJECTS" : "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static DataSource h2(String name) throws SQLException, IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        createTables(ds);
        return ds;
    }

    private static DataSource postgres(String schema) throws SQLException, IOException {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
        admin.setUser("postgres");
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        ds.setCurrentSchema(schema);
        createTables(ds);
        return ds;
    }

    /** Runs the V11 migration's statements as they are. */
    private static void createTables(DataSource ds) throws SQLException, IOException {
        String sql;
        try (InputStream in = IdempotencyStoreTest.class.getResourceAsStream("/db/migration/V11__scale_out.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }
}
