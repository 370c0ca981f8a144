package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database faults under load: while generations are being submitted and run, every PostgreSQL
 * connection the application holds is terminated from the server side
 * ({@code pg_terminate_backend}, selected by the instance's unique JDBC {@code ApplicationName}),
 * three times. The shared PostgreSQL server itself is never restarted. Afterwards: every
 * acknowledged generation reached a terminal state (no lost, no stuck one), any failure carries a
 * stable error code and was refunded, a submission that was answered with an error left nothing
 * behind, credits balance, and no job is left over.
 */
class DatabaseFaultTest {

    private static final int GENERATIONS = 200;

    @TempDir
    Path root;

    @Test
    void terminatingTheApplicationsConnectionsUnderLoadLosesAndStrandsNothing() throws Exception {
        TwoInstanceCrashTest.Phases phases = new TwoInstanceCrashTest.Phases();
        try (PostgresCluster cluster = new PostgresCluster("dbfault", root)) {
            List<String> args = new ArrayList<>(List.of(TwoInstanceCrashTest.WORKERS));
            // A request whose connection died before it could release its Idempotency-Key holds the
            // key until this timeout (409 IDEMPOTENCY_KEY_IN_USE meanwhile); short here so retries
            // take it over (and then find the generation the key already made, if any).
            args.add("--atelier.idempotency.in-flight-timeout=2s");
            ChildApplication app = cluster.start("app", args.toArray(String[]::new));
            ApiClient admin = app.waitUntilUp(PostgresCluster.ADMIN_KEY);
            ApiClient.Response team = admin.post("/api/v1/admin/teams", Map.of("name", "fault team", "credits", 10_000));
            assertThat(team.status()).isEqualTo(201);
            ApiClient api = admin.withKey(team.json().at("/data/apiKey").stringValue());
            phases.mark("instance up");

            // Submit at a bounded concurrency; each request retries under its Idempotency-Key
            // (a 5xx releases the key), so a submission either yields one generation or fails loudly.
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger serverErrors = new AtomicInteger();
            AtomicInteger keyInUse = new AtomicInteger();
            List<Future<?>> submissions = new ArrayList<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < GENERATIONS; i++) {
                    int n = i;
                    submissions.add(clients.submit(() -> {
                        for (int attempt = 0; attempt < 40; attempt++) {
                            ApiClient.Response r = api.post("/api/v1/generations",
                                    Map.of("prompt", "database fault scene " + n, "size", "256x256"),
                                    Map.of("Idempotency-Key", "fault-" + n));
                            if (r.status() == 201 || r.status() == 200 || r.status() == 202) {
                                acknowledged.add(r.json().at("/data/id").stringValue());
                                return null;
                            }
                            if (r.status() == 409) {
                                assertThat(r.json().at("/error/code").stringValue()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
                                keyInUse.incrementAndGet();
                            } else {
                                assertThat(r.status()).as("submission %d: %s", n, new String(r.bytes())).isGreaterThanOrEqualTo(500);
                                assertThat(r.json().at("/error/code").stringValue()).as("a 5xx's error code").isNotBlank();
                                serverErrors.incrementAndGet();
                            }
                            AppTestSupport.sleep(250);
                        }
                        throw new AssertionError("submission " + n + " never succeeded");
                    }));
                }
                // Three rounds of terminated connections while work is submitted and running.
                int terminated = 0;
                for (int round = 0; round < 3; round++) {
                    int target = (round + 1) * GENERATIONS / 5;
                    TwoInstanceCrashTest.awaitTrue(() -> acknowledged.size() >= target, Duration.ofSeconds(90), "submissions stalled");
                    terminated += cluster.terminateApplicationConnections();
                    phases.mark("connections terminated, round " + (round + 1));
                }
                assertThat(terminated).as("connections terminated").isGreaterThan(0);
                for (Future<?> f : submissions) {
                    f.get();
                }
            }
            assertThat(acknowledged).hasSize(GENERATIONS);
            phases.mark("all submitted (" + serverErrors.get() + " answers were 5xx, " + keyInUse.get() + " were 409 key-in-use; all retried)");
            // One more round while only the workers use the database.
            cluster.terminateApplicationConnections();

            TwoInstanceCrashTest.awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM generations WHERE status IN ('QUEUED', 'PROCESSING')") == 0
                            && cluster.queryLong("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'generation'") == 0,
                    Duration.ofSeconds(120), "generations left unfinished after the faults");
            phases.mark("all finished");

            // Nothing from a failed submission exists: exactly the acknowledged generations.
            assertThat(Set.copyOf(TwoInstanceCrashTest.strings(cluster, "SELECT id FROM generations"))).isEqualTo(acknowledged);
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT status, error_code, COUNT(*), MIN(error_message) FROM generations GROUP BY status, error_code")) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        phases.mark(status + " " + rs.getString(2) + ": " + rs.getLong(3) + (rs.getString(4) == null ? "" : " (" + rs.getString(4) + ")"));
                        assertThat(status).isIn("SUCCEEDED", "FAILED");
                        if (status.equals("FAILED")) {
                            // A lost connection is retried, never blamed on the generation; only
                            // running out of attempts may fail one, with its own code.
                            assertThat(rs.getString(2)).as("a failure's code").isEqualTo("WORKER_GAVE_UP");
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT COUNT(*) FROM generations g WHERE g.status = 'FAILED'
                          AND NOT EXISTS (SELECT 1 FROM credit_ledger l WHERE l.generation_id = g.id AND l.reason = 'REFUND')""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("failed generations without a refund").isZero();
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT COUNT(*) FROM generations g WHERE g.status = 'SUCCEEDED'
                          AND (SELECT COUNT(*) FROM images i WHERE i.generation_id = g.id) <> g.image_count""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("succeeded generations with a wrong number of images").isZero();
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT t.credits, (SELECT COALESCE(SUM(l.delta), 0) FROM credit_ledger l WHERE l.team_id = t.id),
                               (SELECT COALESCE(SUM(g.credits_charged), 0) FROM generations g WHERE g.team_id = t.id AND g.status = 'SUCCEEDED')
                        FROM teams t WHERE t.name = 'fault team'""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(10_000 + rs.getLong(2));
                    assertThat(rs.getLong(1)).isEqualTo(10_000 - rs.getLong(3));
                }
            }
            assertThat(app.isAlive()).isTrue();
        }
    }
}
