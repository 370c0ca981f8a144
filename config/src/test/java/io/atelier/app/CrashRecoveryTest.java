package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole process killed or stopped during slow generations: nothing is lost, duplicated or
 * charged twice. The application runs as a real child process on a loopback port.
 */
class CrashRecoveryTest {

    private static final String KEY = "crash-test-admin-key-0123456789abcdef";
    private static final String[] SLOW_SINGLE_WORKER = {
            "--atelier.bootstrap-api-key=" + KEY,
            "--atelier.providers.local.latency=4s",
            "--atelier.generation.in-flight-limits.local=1",
            "--atelier.worker.poll-interval=300ms",
            "--atelier.worker.heartbeat-interval=1s",
            "--atelier.worker.missed-heartbeats=4",
            "--atelier.worker.shutdown-grace=1s"
    };

    @TempDir
    Path dataDir;

    private static boolean is(JsonNode g, String status) {
        return g.get("status").stringValue().equals(status);
    }

    @Test
    void aGenerationInFlightWhenTheProcessIsKilledFinishesAfterTheNextStart() throws Exception {
        String running;
        String queued;
        try (ChildApplication first = ChildApplication.start(dataDir, "first.log", SLOW_SINGLE_WORKER)) {
            ApiClient api = first.waitUntilUp(KEY);
            running = api.post("/api/v1/generations", Map.of("prompt", "survives a crash", "count", 2)).json().at("/data/id").stringValue();
            queued = api.post("/api/v1/generations", Map.of("prompt", "queued behind it")).json().at("/data/id").stringValue();
            AppTestSupport.pollGeneration(api, running, g -> is(g, "processing"), Duration.ofSeconds(60));
            assertThat(first.kill()).isNotZero();
        }

        try (ChildApplication second = ChildApplication.start(dataDir, "second.log", SLOW_SINGLE_WORKER)) {
            ApiClient api = second.waitUntilUp(KEY);
            JsonNode revived = AppTestSupport.pollGeneration(api, running, g -> is(g, "success"), Duration.ofSeconds(90));
            assertThat(revived.get("attempts").intValue()).isEqualTo(2);
            assertThat(revived.get("retryCount").intValue()).isEqualTo(1);
            assertThat(revived.get("outputImages")).hasSize(2);
            for (JsonNode image : revived.get("outputImages")) {
                ApiClient.Response file = api.getAbsolute(image.get("storageUrl").stringValue(), Map.of());
                assertThat(file.status()).isEqualTo(200);
                assertThat(file.bytes().length).isEqualTo(image.get("fileSize").intValue());
            }
            JsonNode next = AppTestSupport.pollGeneration(api, queued, g -> is(g, "success"), Duration.ofSeconds(90));
            assertThat(next.get("outputImages")).hasSize(1);
            assertThat(next.get("attempts").intValue()).isEqualTo(1);

            // Charged once per image: 3 credits in all, whatever the job engine retried.
            JsonNode teams = api.get("/api/v1/admin/teams").json().get("data");
            assertThat(teams.get(0).get("credits").longValue()).isEqualTo(1_000_000_000L - 3);
            assertThat(api.get("/api/v1/generations").json().at("/pagination/total").intValue()).isEqualTo(2);
        }
        // Stored once: exactly three blobs, no temporary leftovers.
        try (Stream<Path> files = Files.walk(dataDir.resolve("images"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .hasSize(3).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aGracefulStopRequeuesTheRunningGenerationWhichFinishesAfterTheNextStart() throws Exception {
        String id;
        try (ChildApplication first = ChildApplication.start(dataDir, "first.log", SLOW_SINGLE_WORKER)) {
            ApiClient api = first.waitUntilUp(KEY);
            id = api.post("/api/v1/generations", Map.of("prompt", "stopped politely")).json().at("/data/id").stringValue();
            AppTestSupport.pollGeneration(api, id, g -> is(g, "processing"), Duration.ofSeconds(60));
            first.terminate();
            assertThat(first.log()).contains("requeue");
        }
        try (ChildApplication second = ChildApplication.start(dataDir, "second.log", SLOW_SINGLE_WORKER)) {
            ApiClient api = second.waitUntilUp(KEY);
            JsonNode done = AppTestSupport.pollGeneration(api, id, g -> is(g, "success"), Duration.ofSeconds(60));
            // A requeue after a shutdown is not a failed attempt.
            assertThat(done.get("attempts").intValue()).isEqualTo(1);
            assertThat(done.get("outputImages")).hasSize(1);
        }
    }

    @Test
    void theFirstStartWithoutABootstrapKeyPrintsOneAdminKeyAndSavesItOwnerOnly() throws Exception {
        String key;
        try (ChildApplication first = ChildApplication.start(dataDir, "first.log")) {
            first.waitUntilUp(null);
            Path keyFile = dataDir.resolve("admin-api-key.txt");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            // Issue 17: the data directory and the database in it are owner-only.
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("atelier.mv.db"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("images")))).isEqualTo("rwx------");
            key = Files.readString(keyFile).trim();
            assertThat(key).startsWith("atl_");
            String log = first.log();
            // Issue 17: the key goes to a terminal only, never into the output that carries the logs
            // (this child has no terminal); the log says where the key is.
            assertThat(log).doesNotContain(key).contains("admin-api-key.txt").contains("no terminal");
            assertThat(new ApiClient("http://127.0.0.1:" + first.port, key).get("/api/v1/models").status()).isEqualTo(200);
            first.terminate();
        }
        try (ChildApplication second = ChildApplication.start(dataDir, "second.log")) {
            ApiClient api = second.waitUntilUp(key);
            assertThat(api.get("/api/v1/models").status()).isEqualTo(200);
            assertThat(second.log()).doesNotContain(key).doesNotContain("Admin API key");
        }
    }
}
