package io.atelier.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The real application on a random loopback port, on its embedded default (H2 + filesystem under
 * a fresh data directory), with a known admin key. Subclasses with the same properties share one
 * running application; a subclass with other properties must also set its own
 * {@code atelier.data-dir=${atelier.test-root}/NAME}, as two live applications cannot share one
 * embedded database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "atelier.bootstrap-api-key=" + AppTestSupport.ADMIN_KEY,
        "atelier.worker.poll-interval=200ms",
        "atelier.rate-limit.per-key=0",
        "atelier.rate-limit.failed-auth-per-address=0",
        "logging.structured.format.console=",
        "atelier.data-dir=${atelier.test-root}/default"
})
abstract class AppTestSupport {

    static final String ADMIN_KEY = "test-admin-key-0123456789abcdef-hardened";
    private static final Path TEST_ROOT = createDataDir();

    @LocalServerPort
    int port;

    @Value("${atelier.data-dir}")
    Path dataDir;

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("atelier-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("atelier.test-root", TEST_ROOT::toString);
    }

    Path dataDir() {
        return dataDir;
    }

    ApiClient admin() {
        return new ApiClient("http://127.0.0.1:" + port, ADMIN_KEY);
    }

    ApiClient anonymous() {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    /** A new team (via the admin API) and a client holding its key. */
    ApiClient newTeam(String name, long credits) {
        ApiClient.Response created = admin().post("/api/v1/admin/teams", Map.of("name", name, "credits", credits));
        if (created.status() != 201) {
            throw new AssertionError("team creation failed: " + created.status() + " " + new String(created.bytes()));
        }
        return admin().withKey(created.json().at("/data/apiKey").stringValue());
    }

    /** Polls a generation until the predicate holds (bounded: fails after {@code timeout}). */
    static JsonNode pollGeneration(ApiClient client, String id, Predicate<JsonNode> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Response r = client.get("/api/v1/generations/" + id);
            if (r.status() != 200) {
                throw new AssertionError("GET generation " + id + " answered " + r.status() + " " + new String(r.bytes()));
            }
            last = r.json().get("data");
            if (until.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("generation " + id + " did not reach the expected state in " + timeout + "; last: " + last);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }
}
