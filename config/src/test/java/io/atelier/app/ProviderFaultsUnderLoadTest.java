package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.app.FaultyOpenAi.Fault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider faults and database faults under load, on two instances: both run the {@code openai}
 * provider against a loopback OpenAI ({@link FaultyOpenAi}) that, on a fixed schedule, answers
 * bursts of 500s, storms of 429 with {@code Retry-After: 1}, resets connections and hangs past the
 * configured timeouts, while 180 generations are submitted and run; meanwhile every PostgreSQL
 * connection of both instances is terminated three times (what a database restart does to the pools). Afterwards: every
 * generation ended (none lost, none stuck, no job left), each failure carries a provider error code
 * and a message (never an internal error or an empty reason) and was refunded, each success has
 * exactly its one image, and credits balance.
 */
class ProviderFaultsUnderLoadTest {

    private static final int GENERATIONS = 180;
    private static final int TEAMS = 2;
    /** What a failure may say: the provider's state as the resilience layer saw it (or a job run out of attempts). */
    private static final Set<String> CLEAR_FAILURES = Set.of("PROVIDER_UNAVAILABLE", "PROVIDER_RATE_LIMITED",
            "PROVIDER_TIMEOUT", "WORKER_GAVE_UP");

    @TempDir
    Path root;

    /** 40 requests a cycle: 6 × 500, 6 × 429, 2 resets, 1 hang, the rest answered. */
    private static List<Fault> schedule() {
        List<Fault> s = new ArrayList<>();
        s.addAll(Collections.nCopies(18, Fault.NONE));
        s.addAll(Collections.nCopies(6, Fault.SERVER_ERROR));
        s.addAll(Collections.nCopies(3, Fault.NONE));
        s.addAll(Collections.nCopies(6, Fault.RATE_LIMITED));
        s.addAll(Collections.nCopies(2, Fault.NONE));
        s.addAll(Collections.nCopies(2, Fault.RESET));
        s.add(Fault.NONE);
        s.add(Fault.HANG);
        s.add(Fault.NONE);
        return s;
    }

    @Test
    void providerAndDatabaseFaultsUnderLoadEndEveryGenerationClearly() throws Exception {
        TwoInstanceCrashTest.Phases phases = new TwoInstanceCrashTest.Phases();
        try (FaultyOpenAi openAi = new FaultyOpenAi(schedule());
             PostgresCluster cluster = new PostgresCluster("provfault", root)) {
            List<String> args = new ArrayList<>(List.of(TwoInstanceCrashTest.WORKERS));
            args.addAll(List.of(
                    // A request whose connection died holds its Idempotency-Key until this timeout.
                    "--atelier.idempotency.in-flight-timeout=2s",
                    "--atelier.providers.openai.base-url=" + openAi.baseUrl(),
                    "--atelier.providers.openai.api-key=sk-test-not-a-real-key",
                    "--atelier.providers.openai.models=gpt-image-1",
                    "--atelier.providers.openai.connect-timeout=2s",
                    "--atelier.providers.openai.read-timeout=2s",
                    "--atelier.providers.openai.initial-backoff=50ms",
                    "--atelier.providers.openai.max-backoff=200ms",
                    // One attempt may not outlive a hang (the fake hangs 10 s).
                    "--atelier.resilience.providers.openai.call-timeout=5s",
                    "--atelier.resilience.providers.openai.breaker.open-duration=1s"));
            // One at a time: the first start migrates the fresh schema.
            ChildApplication a = cluster.start("a", args.toArray(String[]::new));
            ApiClient adminA = a.waitUntilUp(PostgresCluster.ADMIN_KEY);
            ChildApplication b = cluster.start("b", args.toArray(String[]::new));
            ApiClient adminB = b.waitUntilUp(PostgresCluster.ADMIN_KEY);
            phases.mark("two instances up");

            List<String> keys = new ArrayList<>();
            for (int t = 0; t < TEAMS; t++) {
                ApiClient.Response team = adminA.post("/api/v1/admin/teams", Map.of("name", "provider fault team " + t, "credits", 10_000));
                assertThat(team.status()).as(new String(team.bytes())).isEqualTo(201);
                keys.add(team.json().at("/data/apiKey").stringValue());
            }
            // Submit at a bounded concurrency through both instances; each request retries under its
            // Idempotency-Key (the database faults below may answer one with a 5xx), so a submission
            // yields one generation or fails the test. Three times during the submissions, while the
            // faulty provider is being called, the database "restarts".
            Set<String> ids = ConcurrentHashMap.newKeySet();
            List<Future<?>> submissions = new ArrayList<>();
            int terminated = 0;
            try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < GENERATIONS; i++) {
                    int n = i;
                    ApiClient api = (n % 2 == 0 ? adminA : adminB).withKey(keys.get(n % TEAMS));
                    submissions.add(clients.submit(() -> {
                        for (int attempt = 0; attempt < 40; attempt++) {
                            ApiClient.Response r = api.post("/api/v1/generations",
                                    Map.of("prompt", "provider fault scene " + n, "model", "openai/gpt-image-1", "size", "1024x1024"),
                                    Map.of("Idempotency-Key", "provider-fault-" + n));
                            if (r.status() == 200 || r.status() == 201 || r.status() == 202) {
                                ids.add(r.json().at("/data/id").stringValue());
                                return null;
                            }
                            assertThat(r.status()).as("submission %d: %s", n, new String(r.bytes())).isIn(409, 500, 503);
                            assertThat(r.json().at("/error/code").stringValue()).as("code of a refused submission")
                                    .matches(r.status() == 409 ? "IDEMPOTENCY_KEY_IN_USE" : "[A-Z_]+");
                            AppTestSupport.sleep(250);
                        }
                        throw new AssertionError("submission " + n + " never succeeded");
                    }));
                }
                for (int round = 1; round <= 3; round++) {
                    int target = round * GENERATIONS / 4;
                    TwoInstanceCrashTest.awaitTrue(() -> ids.size() >= target, Duration.ofSeconds(120), "submissions stalled");
                    terminated += cluster.terminateApplicationConnections();
                    phases.mark("database connections terminated, round " + round + " ("
                            + cluster.queryLong("SELECT COUNT(*) FROM generations WHERE status IN ('QUEUED', 'PROCESSING')") + " unfinished)");
                }
                for (Future<?> f : submissions) {
                    f.get();
                }
            }
            assertThat(terminated).as("connections terminated").isGreaterThan(0);
            assertThat(ids).hasSize(GENERATIONS);
            phases.mark(GENERATIONS + " submitted");

            try {
                TwoInstanceCrashTest.awaitTrue(() -> cluster.queryLong("SELECT COUNT(*) FROM generations WHERE status IN ('QUEUED', 'PROCESSING')") == 0
                                && cluster.queryLong("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'generation'") == 0,
                        Duration.ofSeconds(300), "generations left unfinished (stuck) after the faults");
            } catch (AssertionError stuck) {
                throw new AssertionError(stuck.getMessage() + ": " + TwoInstanceCrashTest.strings(cluster,
                        "SELECT g.id || ' ' || g.status || ' attempts=' || g.attempts || ' updated=' || g.updated_at"
                                + " || ' guard=' || COALESCE(t.picked_by, CASE WHEN t.task_instance IS NULL THEN 'none' ELSE 'unpicked' END)"
                                + " || ' beat=' || COALESCE(CAST(t.last_heartbeat AS VARCHAR), '-') || ' due=' || COALESCE(CAST(t.execution_time AS VARCHAR), '-')"
                                + " FROM generations g LEFT JOIN scheduled_tasks t ON t.task_name = 'generation' AND t.task_instance = g.id"
                                + " WHERE g.status IN ('QUEUED', 'PROCESSING') OR t.task_instance IS NOT NULL")
                        + "\nlog of a:\n" + a.log() + "\nlog of b:\n" + b.log(), stuck);
            }
            phases.mark("all ended; provider saw " + openAi.requests() + " requests: "
                    + openAi.served(Fault.NONE) + " answered, " + openAi.served(Fault.SERVER_ERROR) + " × 500, "
                    + openAi.served(Fault.RATE_LIMITED) + " × 429, " + openAi.served(Fault.RESET) + " resets, "
                    + openAi.served(Fault.HANG) + " hangs");
            for (Fault fault : Fault.values()) {
                assertThat(openAi.served(fault)).as("requests that got %s", fault).isGreaterThan(0);
            }

            assertThat(TwoInstanceCrashTest.strings(cluster, "SELECT id FROM generations")).containsExactlyInAnyOrderElementsOf(ids);
            Map<String, Long> byOutcome = new HashMap<>();
            try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT status, error_code, COUNT(*), MIN(error_message), "
                        + "COUNT(*) FILTER (WHERE error_message IS NULL OR TRIM(error_message) = '') FROM generations GROUP BY status, error_code")) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        String code = rs.getString(2);
                        phases.mark(status + " " + code + ": " + rs.getLong(3) + (rs.getString(4) == null ? "" : " (" + rs.getString(4) + ")"));
                        byOutcome.merge(status, rs.getLong(3), Long::sum);
                        assertThat(status).isIn("SUCCEEDED", "FAILED");
                        if (status.equals("FAILED")) {
                            assertThat(code).as("a failure's code").isIn(CLEAR_FAILURES);
                            assertThat(rs.getLong(5)).as("failures of %s without a message", code).isZero();
                        } else {
                            assertThat(code).isNull();
                        }
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM generations WHERE completed_at IS NULL")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("ended generations without an end time").isZero();
                }
                try (ResultSet rs = s.executeQuery("""
                        SELECT COUNT(*) FROM generations g
                        WHERE (g.status = 'SUCCEEDED' AND (g.image_count <> 1 OR (SELECT COUNT(*) FROM images i WHERE i.generation_id = g.id) <> 1))
                           OR (g.status = 'FAILED' AND EXISTS (SELECT 1 FROM images i WHERE i.generation_id = g.id))""")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("generations with a wrong number of images").isZero();
                }
            }
            // The service kept working through the faults, and the faults did fail some generations.
            assertThat(byOutcome.getOrDefault("SUCCEEDED", 0L)).as("successes").isGreaterThan(0);
            TwoInstanceCrashTest.assertCreditsBalance(cluster, TEAMS, 10_000);
            assertThat(a.isAlive() && b.isAlive()).isTrue();
        }
    }
}
