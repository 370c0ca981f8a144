package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP server over stdio: the MCP Java SDK's client starts the application as a child process
 * in MCP mode (as a desktop MCP client would), lists the tools and generates an image. The child
 * must keep stdout clean for the protocol (logs go to stderr), or the client would fail to parse.
 */
class McpStdioTest {

    static final String KEY = "stdio-test-key-0123456789abcdef-0123";

    @TempDir
    Path dataDir;

    @Test
    void sdkClientStartsTheAppInStdioModeAndGeneratesAnImage() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ServerParameters server = ServerParameters.builder(java)
                .args("-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.atelier.app.AtelierApplication",
                        "--atelier.mcp.stdio=true",
                        "--atelier.mcp.api-key=" + KEY,
                        "--atelier.bootstrap-api-key=" + KEY,
                        "--atelier.data-dir=" + dataDir,
                        "--atelier.worker.poll-interval=200ms")
                .build();
        StdioClientTransport transport = new StdioClientTransport(server, new JacksonMcpJsonMapper(JsonMapper.builder().build()));
        StringBuilder stderr = new StringBuilder();
        transport.setStdErrorHandler(line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
        });
        try (McpSyncClient client = McpClient.sync(transport)
                .initializationTimeout(Duration.ofSeconds(120))
                .requestTimeout(Duration.ofSeconds(60))
                .build()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(McpHttpTest.TOOLS);

            CallToolResult result = client.callTool(new McpSchema.CallToolRequest("generate_image",
                    Map.of("prompt", "a paper boat on a pond", "wait_seconds", 30)));

            assertThat(result.isError()).as("result %s; child stderr:%n%s", result, stderr).isFalse();
            assertThat(((TextContent) result.content().getFirst()).text()).contains("\"status\":\"succeeded\"");
            ImageContent image = result.content().stream().filter(ImageContent.class::isInstance)
                    .map(ImageContent.class::cast).findFirst().orElseThrow();
            byte[] png = Base64.getDecoder().decode(image.data());
            assertThat(Arrays.copyOf(png, 4)).isEqualTo(McpHttpTest.PNG_MAGIC);
        }
    }
}
