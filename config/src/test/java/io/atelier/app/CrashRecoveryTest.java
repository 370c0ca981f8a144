package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the whole process during a slow generation: after the next start the job is
 * revived, finishes once, its images download, and nothing is lost, duplicated or charged twice.
 * The application runs as a real child process on a loopback port.
 */
class CrashRecoveryTest {

    private static final String KEY = "crash-test-admin-key-0123456789";
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void aGenerationInFlightWhenTheProcessIsKilledFinishesAfterTheNextStart() throws Exception {
        int port = freePort();
        Process first = start(port, "first.log");
        ApiClient api = waitUntilUp(port, first);

        String running = api.post("/api/v1/generations", Map.of("prompt", "survives a crash", "count", 2))
                .json().at("/data/id").stringValue();
        String queued = api.post("/api/v1/generations", Map.of("prompt", "queued behind it"))
                .json().at("/data/id").stringValue();
        AppTestSupport.pollGeneration(api, running, g -> g.get("status").stringValue().equals("processing"), Duration.ofSeconds(60));

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
        assertThat(first.waitFor()).isNotZero();

        int port2 = freePort();
        Process second = start(port2, "second.log");
        ApiClient api2 = waitUntilUp(port2, second);

        JsonNode revived = AppTestSupport.pollGeneration(api2, running,
                g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(90));
        assertThat(revived.get("attempts").intValue()).isEqualTo(2);
        assertThat(revived.get("retryCount").intValue()).isEqualTo(1);
        assertThat(revived.get("outputImages")).hasSize(2);
        for (JsonNode image : revived.get("outputImages")) {
            ApiClient.Response file = api2.getAbsolute(image.get("storageUrl").stringValue(), Map.of());
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.bytes().length).isEqualTo(image.get("fileSize").intValue());
        }
        JsonNode second2 = AppTestSupport.pollGeneration(api2, queued,
                g -> g.get("status").stringValue().equals("success"), Duration.ofSeconds(90));
        assertThat(second2.get("outputImages")).hasSize(1);

        // Charged once per image: 3 credits in all, whatever the job engine retried.
        JsonNode teams = api2.get("/api/v1/admin/teams").json().get("data");
        assertThat(teams.get(0).get("credits").longValue()).isEqualTo(1_000_000_000L - 3);
        // Stored once: exactly three blobs, no temporary leftovers.
        try (Stream<Path> files = Files.walk(dataDir.resolve("images"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .hasSize(3).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(api2.get("/api/v1/generations").json().at("/pagination/total").intValue()).isEqualTo(2);
    }

    private Process start(int port, String logName) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.atelier.app.AtelierApplication",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--atelier.data-dir=" + dataDir,
                "--atelier.bootstrap-api-key=" + KEY,
                "--atelier.providers.local.latency=4s",
                "--atelier.worker.concurrency=1",
                "--atelier.worker.poll-interval=300ms",
                "--atelier.worker.heartbeat-interval=1s",
                "--atelier.worker.missed-heartbeats=3",
                "--logging.structured.format.console=");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve(logName).toFile())
                .start();
        processes.add(process);
        return process;
    }

    private ApiClient waitUntilUp(int port, Process process) throws IOException {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port, KEY);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited: " + Files.readString(dataDir.resolve("first.log")));
            }
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return api;
                }
            } catch (RuntimeException notYet) {
                // connection refused while starting
            }
            AppTestSupport.sleep(200);
        }
        throw new AssertionError("the application did not start within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
