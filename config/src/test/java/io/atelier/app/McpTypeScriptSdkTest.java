package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The official MCP TypeScript SDK (from the npm registry, installed by {@code scripts/mcp-ts-client.sh})
 * against the running server, with a 20 s {@code local/preview} generation: called with a 10 s client
 * timeout and a progress token it completes (progress resets the timeout) and returns the image; a
 * subscription to it is notified when it ends; a template prompt is fetched; an aborted call's
 * {@code notifications/cancelled} cancels its generation. See {@code scripts/mcp-ts-client/e2e.mjs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "atelier.bootstrap-api-key=" + AppTestSupport.ADMIN_KEY,
        "atelier.worker.poll-interval=200ms",
        "atelier.rate-limit.per-key=0",
        "atelier.providers.local.latency=20s",
        "logging.structured.format.console=",
        "atelier.data-dir=${atelier.test-root}/mcp-ts"
})
class McpTypeScriptSdkTest extends AppTestSupport {

    @Test
    void theTypeScriptSdkClientSurvivesASlowGenerationSubscribesAndCancels() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path output = Files.createTempFile("mcp-ts-e2e", ".log");
        Process process = new ProcessBuilder("sh", root.resolve("scripts/mcp-ts-client.sh").toString(),
                "http://127.0.0.1:" + port + "/mcp", AppTestSupport.ADMIN_KEY)
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = read(output);
        Files.deleteIfExists(output);
        System.out.println(log);
        assertThat(ended).as("the TypeScript client did not finish:%n%s", log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("all checks passed").doesNotContain("FAIL");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
