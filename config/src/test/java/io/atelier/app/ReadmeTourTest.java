package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's tour, as a new user pastes it: its shell block runs in bash (with {@code set -e} and
 * {@code pipefail}) from a directory whose {@code data/} is the data directory of a freshly started
 * instance (no bootstrap key, so the first start writes {@code data/admin-api-key.txt} as it does for
 * a user), with only {@code http://localhost:8080} pointed at the test's port. Each
 * {@code # expected} comment of the block must appear in the output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "atelier.worker.poll-interval=200ms",
        "logging.structured.format.console="
})
class ReadmeTourTest {

    private static final Pattern TOUR = Pattern.compile("## A short tour\\n.*?```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECTED = Pattern.compile("#\\s+(\\S.*)$");

    /** The tour's working directory; the instance's data directory is its {@code data/}. */
    private static final Path WORK_DIR = createWorkDir();

    @LocalServerPort
    int port;

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("atelier-readme-tour-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("atelier.data-dir", () -> WORK_DIR.resolve("data").toString());
    }

    @Test
    void theTourRunsAsPasted() throws IOException, InterruptedException {
        String readme = Files.readString(DocumentationTest.repositoryRoot().resolve("README.md"));
        Matcher m = TOUR.matcher(readme);
        assertThat(m.find()).as("a ```bash block under '## A short tour'").isTrue();
        String block = m.group(1);
        String script = "set -euo pipefail\n" + block.replace("http://localhost:8080", "http://127.0.0.1:" + port);
        Path workDir = WORK_DIR;
        assertThat(workDir.resolve("data/admin-api-key.txt")).as("the first start's key file").exists();
        Process process = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> expected = block.lines().filter(line -> !line.startsWith("#") && line.contains("  # "))
                .map(line -> EXPECTED.matcher(line.substring(line.lastIndexOf("  # ")))).filter(Matcher::find)
                .map(x -> x.group(1).strip()).toList();
        assertThat(expected).as("the tour's expected outputs").hasSizeGreaterThanOrEqualTo(3);
        for (String line : expected) {
            assertThat(output).as("tour output").containsIgnoringCase(line);
        }
        assertThat(output).contains("\"id\":\"local/preview\"");
        assertThat(Files.size(workDir.resolve("fox.png"))).isGreaterThan(1000);
    }
}
